//! `--redact-contacts`: contact details removed by what they are, in every
//! field and every output (site pages, site search data, export).

use std::io::Read;
use std::path::Path;

use crate::env::TestEnv;

/// A sheet that spells contact details in every way, in every text field.
fn leaky_sheet() -> String {
    let forms = [
        r#"\"jean dupont\"@example.org"#,
        "name@[192.0.2.1]",
        "claire(at)exemple.fr",
        "claire [at] exemple [dot] fr",
        "claire＠exemple.fr",
        "claire&#64;exemple.fr",
        "03 89 35 35 70",
        "+33 (0)6 12 34 56 78",
        "Claire Martin",
    ];
    let text = forms.join(" ; ");
    format!(
        "id: fuite\ntitle: \"Forum {text}\"\nstructure: \"MEF {text}\"\nterritory: \"{text}\"\n\
         status: ongoing\nthemes: [ess]\n\
         partners: {{specific: [\"{text}\"], funders: [\"{text}\"], others: [\"{text}\"]}}\n\
         objectives: [\"{text}\"]\ndescription: \"{text}\"\nmeans: \"{text}\"\n\
         budget: {{total: 10, funding: [{{source: \"{text}\", amount: 10}}]}}\n\
         results: \"{text}\"\ntools: [\"{text}\"]\nadded_value: \"{text}\"\n\
         contacts:\n  - {{name: Claire Martin, role: Cheffe de projet, email: claire.martin@exemple.fr, phone: \"0612345678\"}}\n\
         transfer: {{success_factors: [\"{text}\"], difficulties: [\"{text}\"]}}\n\
         links:\n  - {{title: \"{text}\", url: \"https://x.example.org/contact?to=jean%40example.org\"}}\n\
         \x20 - {{title: Site, url: \"https://www.example.org/\"}}\n"
    )
}

/// What must not be published, in the spellings that would reach a file.
const SECRETS: [&str; 12] = [
    "jean dupont",
    "192.0.2.1",
    "claire(at)",
    "[at] exemple",
    "＠",
    "&#64;",
    "#64;",
    "35 35 70",
    "12 34 56",
    "Claire Martin",
    "claire.martin",
    "jean%40",
];

fn assert_clean(place: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.to_lowercase().contains(&secret.to_lowercase()),
            "{place} holds {secret}"
        );
    }
}

fn every_file(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    found
}

/// The bytes, gunzipped when they are gzip (the search data's fragments).
fn readable(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut child = std::process::Command::new("gzip")
            .arg("-dc")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = bytes.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = std::io::Write::write_all(&mut stdin, &input);
        });
        let mut out = Vec::new();
        child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
        writer.join().unwrap();
        child.wait().unwrap();
        return String::from_utf8_lossy(&out).into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn contacts_leave_every_field_of_every_output() {
    let env = TestEnv::new();
    let sheet = env.write("sheets/fuite.yaml", leaky_sheet());
    env.run(&["import", &sheet]).expect(0);
    let plain = env.run(&["export", "--format", "json"]).expect(0);
    assert!(plain.stdout.contains("Claire Martin"), "the fixture leaks");
    assert!(plain.stdout.contains("192.0.2.1"), "the fixture leaks");

    for format in ["yaml", "json", "csv", "markdown"] {
        let out = env
            .run(&["export", "--redact-contacts", "--format", format])
            .expect(0);
        assert_clean(&format!("export {format}"), &out.stdout);
        assert!(out.stdout.contains("www.example.org"), "plain links stay");
    }
    env.run(&["export", "--redact-contacts", "--out", "folder/"])
        .expect(0);
    assert_clean(
        "export folder",
        &std::fs::read_to_string(env.path("folder/fuite.yaml")).unwrap(),
    );

    env.run(&["site", "site", "--redact-contacts"]).expect(0);
    for (path, bytes) in every_file(&env.path("site")) {
        assert_clean(&path, &readable(&bytes));
    }
}
