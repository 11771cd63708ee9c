//! The blank sheet that `pacte new` writes: every key of schema 1 with a
//! comment saying what it holds, and the known terms of both vocabularies.

use std::fmt::Write as _;

use super::Vocabularies;

/// A schema-1 sheet to fill in. Required values are left empty, so the
/// template is refused until they are written; optional keys are commented
/// out.
pub fn template(id: &str, vocabularies: &Vocabularies) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# A new action sheet. Fill in the empty values, remove the # before the\n\
         # optional keys you use, then check it with: pacte validate FILE\n"
    );
    let id = if id.is_empty() { "\"\"" } else { id };
    let _ = writeln!(
        text,
        "# Identifier: lowercase letters, digits and hyphens, at most 64."
    );
    let _ = writeln!(text, "id: {id}");
    let _ = writeln!(text, "# The title of the action.\ntitle: \"\"");
    let _ = writeln!(
        text,
        "# The structure that leads the action.\nstructure: \"\""
    );
    let _ = writeln!(text, "# The territory it covers.\n# territory: \"\"");
    let _ = writeln!(
        text,
        "# French department code: 01-95, 2A, 2B, 971-978, 984, 986-988.\n# department: \"\""
    );
    let _ = writeln!(
        text,
        "# planned, ongoing, finished or abandoned (or en projet, en cours, terminée, abandonnée).\nstatus: ongoing"
    );
    let _ = writeln!(
        text,
        "# Whether another territory could run it: true or false.\n# reproducible: false"
    );
    let _ = writeln!(
        text,
        "# Years; the end may be left out while the action goes on.\n# period:\n#   start: 2024\n#   end: 2025"
    );
    let _ = writeln!(text, "# At least one theme, by code, label or alias:");
    for term in vocabularies.themes.terms() {
        let _ = writeln!(text, "#   {} ({})", term.code, term.label);
    }
    let _ = writeln!(text, "themes: []");
    let _ = writeln!(text, "# Target publics:");
    for term in vocabularies.publics.terms() {
        let _ = writeln!(text, "#   {} ({})", term.code, term.label);
    }
    let _ = writeln!(text, "# publics: []");
    let _ = writeln!(
        text,
        "# Partners of the action.\n# partners:\n#   specific: []\n#   funders: []\n#   others: []"
    );
    let _ = writeln!(text, "# At least one objective.\nobjectives: []");
    let _ = writeln!(text, "# What was done (Markdown).\ndescription: \"\"");
    let _ = writeln!(text, "# Means used.\n# means: \"\"");
    let _ = writeln!(text, "# Staff, in full-time equivalents.\n# staff_fte: 1.5");
    let _ = writeln!(
        text,
        "# Budget in euros; the funding lines should add up to the total.\n# budget:\n#   total: 0\n#   funding:\n#     - source: \"\"\n#       amount: 0"
    );
    let _ = writeln!(
        text,
        "# Quantitative and qualitative results (Markdown).\n# results: \"\""
    );
    let _ = writeln!(text, "# Tools, methods, software produced.\n# tools: []");
    let _ = writeln!(
        text,
        "# Added value of the Maison de l'Emploi or the PLIE.\n# added_value: \"\""
    );
    let _ = writeln!(
        text,
        "# People to contact.\n# contacts:\n#   - name: \"\"\n#     role: \"\"\n#     email: \"\"\n#     phone: \"\""
    );
    let _ = writeln!(
        text,
        "# What it takes to run it elsewhere.\n# transfer:\n#   success_factors: []\n#   difficulties: []"
    );
    let _ = writeln!(
        text,
        "# Date of the last update, YYYY-MM-DD.\n# updated: 2026-01-01"
    );
    let _ = writeln!(
        text,
        "# Web pages (http or https).\n# links:\n#   - title: \"\"\n#     url: https://"
    );
    text
}
