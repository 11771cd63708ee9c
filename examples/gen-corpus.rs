//! Generates a deterministic corpus of valid schema-1 sheets for benchmarks.
//!
//!     cargo run --release --example gen-corpus -- N DIR [--seed S]
//!
//! Sheets are 2 to 15 KB (median about 5 KB) of French text with accents;
//! every theme and public is used; partners, funding (adding up to the
//! total), contacts and transfer lists are filled. One file in fifty holds
//! three sheets separated by `---`.

use std::path::PathBuf;

use pacte::sheet::{
    Budget, Contact, Funding, Link, Money, Partners, Period, STATUSES, Sheet, Transfer,
    Vocabularies,
};

const WORDS: &[&str] = &[
    "emploi",
    "insertion",
    "économie",
    "solidaire",
    "territoire",
    "compétences",
    "formation",
    "accompagnement",
    "entreprises",
    "demandeurs",
    "parcours",
    "métiers",
    "réseau",
    "diagnostic",
    "partenariat",
    "qualification",
    "mobilité",
    "jeunes",
    "salariés",
    "associations",
    "projet",
    "développement",
    "recrutement",
    "handicap",
    "égalité",
    "création",
    "activité",
    "quartier",
    "élus",
    "collectivités",
    "financement",
    "évaluation",
    "ateliers",
    "coopération",
    "filière",
    "tourisme",
    "hôtellerie",
    "numérique",
    "transition",
    "écologique",
    "réemploi",
    "clauses",
    "marchés",
    "publics",
    "chantier",
    "structure",
    "dispositif",
    "animation",
    "pérenne",
    "expérimentation",
    "santé",
    "logement",
    "durable",
    "agricole",
    "industrie",
    "commerce",
    "services",
    "à",
    "de",
    "la",
    "le",
    "les",
    "des",
    "du",
    "pour",
    "avec",
    "et",
    "sur",
    "dans",
];

const FUNDERS: &[&str] = &[
    "FSE",
    "État",
    "Région",
    "Département",
    "Agglomération",
    "Banque des Territoires",
    "Agefiph",
    "France Travail",
    "Fondation",
    "Commune",
];

const NAMES: &[&str] = &[
    "Claire", "Karim", "Awa", "Paul", "Inès", "Louis", "Fatou", "Hugo", "Léa", "Mathieu",
];

struct Generator {
    rng: fastrand::Rng,
}

impl Generator {
    fn words(&mut self, count: usize) -> String {
        let mut text = String::new();
        for i in 0..count {
            if i > 0 {
                text.push(if self.rng.u8(0..14) == 0 { '\n' } else { ' ' });
            }
            text.push_str(WORDS[self.rng.usize(0..WORDS.len())]);
        }
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    }

    fn list(&mut self, count: usize, words: usize) -> Vec<String> {
        (0..count).map(|_| self.words(words)).collect()
    }

    fn words_between(&mut self, range: std::ops::Range<usize>) -> String {
        let count = self.rng.usize(range);
        self.words(count)
    }

    fn list_between(&mut self, range: std::ops::Range<usize>, words: usize) -> Vec<String> {
        let count = self.rng.usize(range);
        self.list(count, words)
    }

    /// A text length drawn so that sheets spread from 2 to 15 KB with a
    /// median near 5 KB: most are mid-sized, a few long.
    fn body_words(&mut self) -> usize {
        let a = self.rng.usize(60..420);
        let b = self.rng.usize(0..900);
        if self.rng.u8(0..10) == 0 {
            a + b + 500
        } else {
            a + b / 5
        }
    }

    fn sheet(&mut self, index: usize, vocabularies: &Vocabularies) -> Sheet {
        let themes = vocabularies.themes.terms();
        let publics = vocabularies.publics.terms();
        let start = self.rng.i32(2005..2026);
        let funding: Vec<Funding> = (0..self.rng.usize(1..4))
            .map(|_| Funding {
                source: FUNDERS[self.rng.usize(0..FUNDERS.len())].to_owned(),
                amount: Money {
                    cents: self.rng.i64(1_000..500_000) * 100,
                },
            })
            .collect();
        let total = Money {
            cents: funding.iter().map(|f| f.amount.cents).sum(),
        };
        let body = self.body_words();
        Sheet {
            id: format!("fiche-{index:06}"),
            title: self.words_between(4..12),
            structure: format!("Maison de l'Emploi n° {}", self.rng.usize(1..400)),
            territory: Some(self.words(2)),
            department: Some(format!("{:02}", self.rng.u8(1..96)).replace("20", "2A")),
            status: STATUSES[index % STATUSES.len()],
            reproducible: self.rng.bool(),
            period: Some(Period {
                start,
                end: (index % 4 != 1).then(|| start + self.rng.i32(0..4)),
            }),
            // Theme and public of index i % 16 make sure every term is used.
            themes: vec![
                themes[index % themes.len()].code.clone(),
                themes[(index * 7 + 3) % themes.len()].code.clone(),
            ]
            .into_iter()
            .fold(Vec::new(), |mut v, c| {
                if !v.contains(&c) {
                    v.push(c);
                }
                v
            }),
            publics: vec![publics[index % publics.len()].code.clone()],
            partners: Some(Partners {
                specific: self.list_between(1..4, 3),
                funders: funding.iter().map(|f| f.source.clone()).collect(),
                others: self.list_between(0..8, 3),
            }),
            objectives: self.list_between(1..6, 12),
            description: self.words(body / 2),
            means: Some(self.words(30)),
            staff_fte: Some(f64::from(self.rng.u8(1..40)) / 10.0),
            budget: Some(Budget { total, funding }),
            results: Some(self.words(body / 3)),
            tools: self.list_between(0..5, 6),
            added_value: Some(self.words(40)),
            contacts: (0..self.rng.usize(1..3))
                .map(|i| Contact {
                    name: format!(
                        "{} {}",
                        NAMES[self.rng.usize(0..NAMES.len())],
                        NAMES[(index + i) % NAMES.len()]
                    ),
                    role: Some("Chargée de mission".to_owned()),
                    email: Some(format!("contact{i}@mde{index}.example.org")),
                    phone: Some("03 89 00 00 00".to_owned()),
                })
                .collect(),
            transfer: Some(Transfer {
                success_factors: self.list_between(1..4, 10),
                difficulties: self.list_between(0..3, 10),
            }),
            updated: Some(format!(
                "2025-{:02}-{:02}",
                self.rng.u8(1..13),
                self.rng.u8(1..29)
            )),
            links: vec![Link {
                title: Some("Présentation".to_owned()),
                url: format!("https://mde{index}.example.org/action"),
            }],
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen-corpus N DIR [--seed S]";
    let count: usize = args.next().ok_or(usage)?.parse()?;
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let mut seed = 1;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().ok_or(usage)?.parse()?,
            _ => return Err(usage.into()),
        }
    }
    std::fs::create_dir_all(&dir)?;
    let vocabularies = Vocabularies::builtin();
    let mut generator = Generator {
        rng: fastrand::Rng::with_seed(seed),
    };
    let mut index = 0;
    let mut file = 0;
    while index < count {
        let in_file = if file % 50 == 49 {
            3.min(count - index)
        } else {
            1
        };
        let mut text = String::new();
        for k in 0..in_file {
            if k > 0 {
                text.push_str("---\n");
            }
            text.push_str(&yaml_serde::to_string(
                &generator.sheet(index, &vocabularies),
            )?);
            index += 1;
        }
        // Spread files over subfolders, as a big catalogue would be.
        let sub = dir.join(format!("{:03}", file / 500));
        std::fs::create_dir_all(&sub)?;
        std::fs::write(sub.join(format!("fiche-{file:06}.yaml")), text)?;
        file += 1;
    }
    eprintln!("{count} sheets in {file} files under {}", dir.display());
    Ok(())
}
