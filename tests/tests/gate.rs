//! End-to-end tests of the publishing gate of `tuomin scan`: --fail-on
//! and its default, baselines, the inline allow marker and SARIF.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{bin, run, run_in, s, Output};
use serde_json::Value;

fn run_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .env_remove("TUOMIN_BASELINE_KEY")
        .envs(env.iter().copied())
        .output()
        .expect("tuomin runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const NAME_ONLY: &str = "经办人：张三丰\n";
const MOBILE: &str = "联系电话：13812345678\n";

#[test]
fn default_gate_is_high_and_medium() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("name.txt");
    fs::write(&name, NAME_ONLY).unwrap();
    let mobile = dir.path().join("mobile.txt");
    fs::write(&mobile, MOBILE).unwrap();

    let out = run(&["scan", "--format", "jsonl", s(&name)]);
    assert_eq!(out.code, 0, "a name alone passes the gate: {out:?}");
    assert_eq!(out.messages("finding").len(), 1, "but it is reported");
    assert_eq!(out.messages("finding")[0]["kind"], "person_name");

    assert_eq!(run(&["scan", s(&mobile)]).code, 1);
}

#[test]
fn fail_on_flag_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("name.txt");
    fs::write(&name, NAME_ONLY).unwrap();
    let mobile = dir.path().join("mobile.txt");
    fs::write(&mobile, MOBILE).unwrap();

    assert_eq!(run(&["scan", "--fail-on", "person_name", s(&name)]).code, 1);
    assert_eq!(run(&["scan", "--fail-on", "low", s(&name)]).code, 1);
    let out = run(&["scan", "--fail-on", "high", "--format", "jsonl", s(&mobile)]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.messages("finding").len(), 1, "still reported");
    assert_eq!(
        run(&["scan", "--fail-on", "high,mobile", s(&mobile)]).code,
        1
    );
    assert_eq!(run(&["scan", "--fail-on", "nonsense", s(&mobile)]).code, 2);

    // [gate] fail_on in tuomin.toml; the flag wins over it
    fs::write(
        dir.path().join("tuomin.toml"),
        "[gate]\nfail_on = [\"low\"]\n",
    )
    .unwrap();
    assert_eq!(run_in(dir.path(), &["scan", "name.txt"], None).code, 1);
    assert_eq!(
        run_in(dir.path(), &["scan", "--fail-on", "high", "name.txt"], None).code,
        0
    );
}

#[test]
fn min_score_decides_what_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    fs::write(&f, MOBILE).unwrap();
    let out = run(&["scan", "--min-score", "1", "--format", "jsonl", s(&f)]);
    let reported = out.messages("finding");
    assert!(reported
        .iter()
        .all(|m| m["score"].as_f64().unwrap_or(0.0) >= 1.0));
    assert_eq!(out.code, if reported.is_empty() { 0 } else { 1 });
}

#[test]
fn baseline_accepts_known_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("docs")).unwrap();
    fs::write(root.join("docs/a.txt"), MOBILE).unwrap();
    fs::write(
        root.join("docs/b.csv"),
        "姓名,身份证号\n王小明,11010519491231002X\n",
    )
    .unwrap();

    let out = run_env(
        root,
        &["scan", "--write-baseline", "baseline.json", "docs"],
        &[],
    );
    assert_eq!(out.code, 0, "writing a baseline accepts: {out:?}");
    let text = fs::read_to_string(root.join("baseline.json")).unwrap();
    for raw in ["13812345678", "11010519491231002X", "王小明"] {
        assert!(!text.contains(raw), "no raw values in the baseline: {text}");
    }
    let b: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(b["key"]["type"], "salt");
    assert_eq!(b["findings"].as_array().map(Vec::len), Some(3), "{text}");

    let out = run_env(
        root,
        &[
            "scan",
            "--baseline",
            "baseline.json",
            "--format",
            "jsonl",
            "./docs",
        ],
        &[],
    );
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.messages("finding").is_empty(), "{}", out.out());

    // a new finding is reported, the accepted ones are not
    fs::write(
        root.join("docs/a.txt"),
        format!("{MOBILE}手机：13912345678\n"),
    )
    .unwrap();
    let out = run_env(
        root,
        &[
            "scan",
            "--baseline",
            "baseline.json",
            "--format",
            "jsonl",
            "docs",
        ],
        &[],
    );
    assert_eq!(out.code, 1, "{out:?}");
    let f = out.messages("finding");
    assert_eq!(f.len(), 1, "{}", out.out());
    assert_eq!(f[0]["preview"], "139****5678");

    // a bad baseline file is an error
    fs::write(root.join("bad.json"), "{}").unwrap();
    let out = run_env(root, &["scan", "--baseline", "bad.json", "docs"], &[]);
    assert_eq!(out.code, 2, "{out:?}");
}

#[test]
fn baseline_with_a_key_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.txt"), MOBILE).unwrap();
    let key = [("TUOMIN_BASELINE_KEY", "a-secret-key-of-the-office")];
    let out = run_env(root, &["scan", "--write-baseline", "b.json", "a.txt"], &key);
    assert_eq!(out.code, 0, "{out:?}");
    let b: Value = serde_json::from_str(&fs::read_to_string(root.join("b.json")).unwrap()).unwrap();
    assert_eq!(b["key"]["type"], "env");
    assert!(b["key"].get("salt").is_none());
    assert_eq!(
        run_env(root, &["scan", "--baseline", "b.json", "a.txt"], &key).code,
        0
    );
    // without the key the baseline cannot be used
    let out = run_env(root, &["scan", "--baseline", "b.json", "a.txt"], &[]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("TUOMIN_BASELINE_KEY"), "{}", out.stderr);
    // a different key does not match
    let other = [("TUOMIN_BASELINE_KEY", "another-key-entirely")];
    assert_eq!(
        run_env(root, &["scan", "--baseline", "b.json", "a.txt"], &other).code,
        1
    );
}

#[test]
fn allow_marker_suppresses_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("a.txt");
    fs::write(
        &t,
        "办公电话：13812345678 # tuomin:allow（单位公开电话）\n手机：13912345678\n",
    )
    .unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&t)]);
    let f = out.messages("finding");
    assert_eq!(f.len(), 1, "{}", out.out());
    assert_eq!(f[0]["line"], 2);

    fs::write(&t, "办公电话：13812345678 # tuomin:allow\n").unwrap();
    let out = run(&["scan", s(&t)]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.out(), "");

    let md = dir.path().join("a.md");
    fs::write(
        &md,
        "# 通知\n\n办公电话 13812345678 <!-- tuomin:allow -->\n\n手机 13912345678\n",
    )
    .unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&md)]);
    let f = out.messages("finding");
    assert_eq!(f.len(), 1, "{}", out.out());
    assert_eq!(f[0]["preview"], "139****5678");

    let html = dir.path().join("a.html");
    fs::write(
        &html,
        "<p>办公电话 13812345678</p><!-- tuomin:allow -->\n<p>手机 13912345678</p>\n",
    )
    .unwrap();
    let out = run(&["scan", "--format", "jsonl", s(&html)]);
    let f = out.messages("finding");
    assert_eq!(f.len(), 1, "{}", out.out());
    assert_eq!(f[0]["preview"], "139****5678");
}

#[test]
fn sarif_is_structurally_valid() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("a.txt"),
        "身份证号：11010519491231002X\n经办人：张三丰\n",
    )
    .unwrap();
    fs::write(root.join("b.csv"), "姓名,联系电话\n王小明,13812345678\n").unwrap();
    fs::write(root.join("c.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0").unwrap();
    let out = run_env(
        root,
        &["scan", "--format", "sarif", "."],
        &[("TUOMIN_BASELINE_KEY", "k3y-for-fingerprints")],
    );
    assert_eq!(out.code, 2, "c.doc is an error: {out:?}");
    let log: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"]
        .as_str()
        .unwrap_or_default()
        .contains("sarif"));
    let run0 = &log["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "tuomin");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    let rule_ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    for k in ["id_card", "mobile", "person_name"] {
        assert!(rule_ids.contains(&k), "{rule_ids:?}");
    }
    assert!(rules
        .iter()
        .all(|r| r["shortDescription"]["text"].is_string()));
    let results = run0["results"].as_array().expect("results");
    assert!(results.len() >= 4, "{results:?}");
    let raw = out.out();
    for value in ["11010519491231002X", "13812345678", "张三丰", "王小明"] {
        assert!(!raw.contains(value), "raw {value} in the SARIF log");
    }
    for r in results {
        let rule = r["ruleId"].as_str().expect("ruleId");
        assert!(rule_ids.contains(&rule));
        let idx = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[idx]["id"], rule);
        let level = r["level"].as_str().expect("level");
        let want = match rule {
            "id_card" => "error",
            "mobile" => "warning",
            "person_name" => "note",
            _ => level,
        };
        assert_eq!(level, want, "{r}");
        assert!(r["message"]["text"].is_string());
        let loc = &r["locations"][0];
        assert!(loc["physicalLocation"]["artifactLocation"]["uri"].is_string());
        assert!(r["partialFingerprints"]["tuominFingerprint/v1"].is_string());
        let uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap_or_default();
        if uri.ends_with("a.txt") {
            assert!(loc["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1));
            assert!(loc["physicalLocation"]["region"]["startColumn"].as_u64() >= Some(1));
        } else {
            assert!(uri.ends_with("b.csv"), "{uri}");
            let name = loc["logicalLocations"][0]["name"]
                .as_str()
                .unwrap_or_default();
            assert!(name.starts_with("b.csv!"), "{name}");
        }
    }
    let notes = run0["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
}

#[test]
fn pre_commit_hook_is_declared() {
    let hooks =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.pre-commit-hooks.yaml"))
            .expect(".pre-commit-hooks.yaml at the repository root");
    assert!(hooks.contains("id: tuomin"));
    assert!(hooks.contains("entry: tuomin scan"));
    assert!(hooks.contains("language: system"));
}
