//! End-to-end tests of the `kalends` binary: exit codes and output.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers, outside #[test] fns

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn kalends(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kalends"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn check_accepts_the_sample() {
    let o = kalends(&["check", "examples/team.ics"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o),
        "examples/team.ics: ok (1 VCALENDAR, 1 VTIMEZONE, 1 DAYLIGHT, 1 STANDARD, 2 VEVENT, 1 VALARM, 1 VTODO)\n"
    );
}

#[test]
fn check_reports_each_problem_with_a_caret() {
    let input = b"BEGIN:VCALENDAR\r\nSUMMARY Lunch\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let o = kalends(&["check", "-"], Some(input));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "<stdin>:2:8: error: the content line `SUMMARY Lunch` has no `:` between its name and its value.\n  |\n2 | SUMMARY Lunch\n  |        ^\n\
<stdin>:3:1: error: `END:VEVENT` has no matching `BEGIN:VEVENT` (the open component is `VCALENDAR`).\n  |\n3 | END:VEVENT\n  | ^^^^^^^^^^\n\
<stdin>:1:1: error: VCALENDAR has no PRODID property, which is REQUIRED (RFC 5545 §3.6, RFC 7986 §4).\n  |\n1 | BEGIN:VCALENDAR\n  | ^^^^^^^^^^^^^^^\n\
<stdin>:1:1: error: VCALENDAR has no VERSION property, which is REQUIRED (RFC 5545 §3.6, RFC 7986 §4).\n  |\n1 | BEGIN:VCALENDAR\n  | ^^^^^^^^^^^^^^^\n\
<stdin>: 4 error(s), 0 warning(s)\n"
    );
}

#[test]
fn lenient_check_warns_and_succeeds() {
    let input = b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n";
    let o = kalends(&["check", "--lenient", "-"], Some(input));
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("<stdin>:1:16: warning: a line ends with a bare LF"),
        "{}",
        stdout(&o)
    );
    let strict = kalends(&["check", "-"], Some(input));
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(kalends(&["check"], None).status.code(), Some(2));
    assert_eq!(kalends(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(
        kalends(&["check", "no/such/file.ics"], None).status.code(),
        Some(2)
    );
}

#[test]
fn convert_to_ics_round_trips_the_sample_byte_for_byte() {
    let o = kalends(&["convert", "examples/team.ics", "--to", "ics"], None);
    assert_eq!(o.status.code(), Some(0));
    let original =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/team.ics")).unwrap();
    assert_eq!(o.stdout, original);
}

#[test]
fn jcal_and_xcal_round_trip_the_sample() {
    let original =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/team.ics")).unwrap();
    for format in ["jcal", "xcal"] {
        let there = kalends(&["convert", "examples/team.ics", "--to", format], None);
        assert_eq!(there.status.code(), Some(0), "{format}");
        let back = kalends(&["convert", "-", "--to", "ics"], Some(&there.stdout));
        assert_eq!(back.status.code(), Some(0), "{format}");
        assert_eq!(back.stdout, original, "{format}");
    }
}

#[test]
fn check_runs_the_validator() {
    let input = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240102T000000Z\r\nDTEND:20240101T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let o = kalends(&["check", "-"], Some(input));
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("<stdin>:4:1: error: "), "{out}");
    assert!(out.contains("UID"), "{out}");
    assert!(out.contains("<stdin>:7:1: error: "), "{out}");
}

#[test]
fn checks_and_converts_vcards() {
    let o = kalends(&["check", "examples/team.vcf"], None);
    assert_eq!(stdout(&o), "examples/team.vcf: ok (2 VCARD)\n");
    let o = kalends(
        &["check", "-"],
        Some(b"BEGIN:VCARD\r\nVERSION:4.0\r\nN:Doe;Jo;;;\r\nEND:VCARD\r\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("FN"), "{}", stdout(&o));

    let v3 = kalends(&["convert", "examples/team.vcf", "--to", "vcf3"], None);
    assert_eq!(v3.status.code(), Some(0));
    let text = String::from_utf8(v3.stdout.clone()).unwrap();
    assert!(
        text.contains("VERSION:3.0\r\n")
            && text.contains("BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12\r\n"),
        "{text}"
    );
    let back = kalends(&["convert", "-", "--to", "vcf"], Some(&v3.stdout));
    assert!(
        String::from_utf8(back.stdout)
            .unwrap()
            .contains("BDAY:--0412\r\n")
    );

    let json = kalends(&["convert", "examples/team.vcf", "--to", "jscontact"], None);
    let cards: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(cards[0]["@type"], "Card");
    assert_eq!(cards[1]["kind"], "group");
    let vcf = kalends(&["convert", "-", "--to", "vcf"], Some(&json.stdout));
    assert!(
        String::from_utf8(vcf.stdout)
            .unwrap()
            .contains("FN:Jane Doe\r\n")
    );

    let wrong = kalends(&["convert", "examples/team.vcf", "--to", "ics"], None);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn rrule_prints_one_instance_per_line() {
    // RFC 5545 §3.8.5.3, "Monthly on the first Friday for 10 occurrences".
    let o = kalends(
        &[
            "rrule",
            "--dtstart",
            "19970905T090000",
            "--rule",
            "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
            "--tz",
            "America/New_York",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "19970905T090000\n19971003T090000\n19971107T090000\n19971205T090000\n19980102T090000\n\
19980206T090000\n19980306T090000\n19980403T090000\n19980501T090000\n19980605T090000\n"
    );
    // RFC 7529 §4.3.3: a Hebrew anniversary in the leap month, SKIP=FORWARD.
    let o = kalends(
        &[
            "rrule",
            "--dtstart",
            "20140208",
            "--rule",
            "RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8;SKIP=FORWARD",
            "--limit",
            "5",
        ],
        None,
    );
    assert_eq!(
        stdout(&o),
        "20140208\n20150227\n20160217\n20170306\n20180223\n"
    );
    let o = kalends(
        &[
            "rrule",
            "--dtstart",
            "20240101",
            "--rule",
            "FREQ=DAILY",
            "--between",
            "20240301",
            "20240303",
        ],
        None,
    );
    // The window is half-open: B itself is not in it.
    assert_eq!(stdout(&o), "20240301\n20240302\n");
    let bad = kalends(
        &[
            "rrule",
            "--dtstart",
            "20240101",
            "--rule",
            "FREQ=SOMETIMES",
            "--limit",
            "1",
        ],
        None,
    );
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn rrule_jsonl_answers_each_line() {
    let input = b"{\"dtstart\":\"20240101T090000\",\"rrule\":\"FREQ=WEEKLY;COUNT=2\",\"tz\":\"Europe/Berlin\"}\n{\"dtstart\":\"x\",\"rrule\":\"FREQ=DAILY\"}\nnot json\n";
    let o = kalends(&["rrule", "--jsonl"], Some(input));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!({"instances": ["20240101T090000", "20240108T090000"]})
    );
    assert!(lines[1]["error"].as_str().unwrap().contains("`x`"));
    assert!(lines[2]["error"].is_string());
}

#[test]
fn expand_lists_the_window_with_overrides() {
    let o = kalends(
        &[
            "expand",
            "examples/team.ics",
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-07",
            "--tz",
            "Europe/Berlin",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "2026-11-02 09:30 CET  2026-11-02 09:45 CET  Standup\n\
2026-11-03 09:30 CET  2026-11-03 09:45 CET  Standup\n\
2026-11-04 09:30 CET  2026-11-04 09:45 CET  Standup\n\
2026-11-05 09:30 CET  2026-11-05 09:45 CET  Standup\n\
2026-11-06 10:30 CET  2026-11-06 10:45 CET  Standup (moved: all-hands at 9) (moved)\n"
    );
    let json = kalends(
        &[
            "expand",
            "examples/team.ics",
            "--from",
            "20261225",
            "--to",
            "20261226",
            "--json",
        ],
        None,
    );
    // 25 December is an EXDATE.
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(list, serde_json::json!([]));
}

#[test]
fn poll_and_alarms() {
    let o = kalends(&["poll", "examples/poll.ics"], None);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.contains("status SUBMITTED") && out.contains("winner 2"),
        "{out}"
    );
    let json = kalends(&["poll", "examples/poll.ics", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["status"], "SUBMITTED");

    let o = kalends(
        &[
            "alarms",
            "examples/team.ics",
            "--from",
            "20261102",
            "--to",
            "20261104",
        ],
        None,
    );
    assert_eq!(
        stdout(&o),
        "20261102T082500Z DISPLAY standup-2026@example.com [20261102T093000] alarm 0: Standup\n\
20261103T082500Z DISPLAY standup-2026@example.com [20261103T093000] alarm 0: Standup\n"
    );
}

#[test]
fn jscalendar_convert_and_expand() {
    for profile in ["rfc8984", "bis"] {
        let json = kalends(
            &[
                "convert",
                "examples/team.ics",
                "--to",
                "jscal",
                "--profile",
                profile,
            ],
            None,
        );
        assert_eq!(json.status.code(), Some(0), "{profile}");
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(v["@type"], "Group", "{profile}");
        assert_eq!(v["entries"][0]["timeZone"], "Europe/Berlin", "{profile}");
        // Back to iCalendar: the same events, readable and valid.
        let ics = kalends(&["convert", "-", "--to", "ics"], Some(&json.stdout));
        assert_eq!(ics.status.code(), Some(0), "{profile}");
        let check = kalends(&["check", "-"], Some(&ics.stdout));
        assert_eq!(
            check.status.code(),
            Some(0),
            "{profile}: {}",
            stdout(&check)
        );
        // And it expands like the iCalendar it came from.
        let from_json = kalends(
            &["expand", "-", "--from", "2026-11-02", "--to", "2026-11-07"],
            Some(&json.stdout),
        );
        let from_ics = kalends(
            &[
                "expand",
                "examples/team.ics",
                "--from",
                "2026-11-02",
                "--to",
                "2026-11-07",
            ],
            None,
        );
        assert_eq!(stdout(&from_json), stdout(&from_ics), "{profile}");
        assert_eq!(stdout(&from_ics).lines().count(), 5);
    }
}
