//! A deterministic generator of dialogue outcome documents, for benchmarks and tests.
//!
//! `generate(n, seed, out)` writes `n` documents (plain text, some Markdown-free press
//! releases, news-agency items, secretariat releases and about one in ten as HTML pages) that
//! report meetings of many series (ASEAN-X Dialogues, Mekong-X ministerial meetings, bilateral
//! strategic dialogues, joint commissions, policy consultations …) over many years. States,
//! mechanisms, issues and reporting verbs come from the reference data
//! ([`crate::knowledge::Knowledge`]); officials are generated names of several regional shapes.
//! The wording is our own templates, written for this generator; the density (entities and
//! statements per document, about 2–3 KB per document) follows the sample documents.
//!
//! Deterministic: the same `(n, seed)` gives the same bytes on every machine and every build,
//! so it uses a small PRNG of its own (SplitMix64) rather than the `rand` crate, whose seeded
//! generators do not promise the same stream across versions. Document `i` depends only on
//! `(seed, i)`, so a corpus of 1,000 is the first 1,000 documents of a corpus of 10,000.
//!
//! Must not: read anything but the compiled-in reference data, or produce facts meant to be
//! believed. The meetings, people and positions are invented; they only have a realistic shape.

use crate::knowledge::Knowledge;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// SplitMix64: tiny, fast, and its output for a seed is fixed by its definition.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0); the tiny modulo bias does not matter here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// One of some static words.
    pub fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u32) -> bool {
        self.below(100) < p as usize
    }
}

/// A state that hosts meetings in this generator: ISO code, host cities, name shape.
struct Host {
    iso3: &'static str,
    cities: &'static [&'static str],
    names: Shape,
    /// How its foreign ministry names itself on a press release.
    ministry: &'static str,
}

#[derive(Clone, Copy)]
enum Shape {
    Korean,
    Japanese,
    Chinese,
    Vietnamese,
    Indonesian,
    Malay,
    Thai,
    Filipino,
    Khmer,
    Lao,
    Western,
    Indian,
}

const HOSTS: &[Host] = &[
    Host {
        iso3: "KOR",
        cities: &["Seoul", "Busan", "Jeju"],
        names: Shape::Korean,
        ministry: "Ministry of Foreign Affairs, Republic of Korea",
    },
    Host {
        iso3: "JPN",
        cities: &["Tokyo", "Osaka"],
        names: Shape::Japanese,
        ministry: "Ministry of Foreign Affairs of Japan",
    },
    Host {
        iso3: "CHN",
        cities: &["Beijing", "Shanghai"],
        names: Shape::Chinese,
        ministry: "Ministry of Foreign Affairs of the People's Republic of China",
    },
    Host {
        iso3: "VNM",
        cities: &["Hanoi", "Da Nang", "Ho Chi Minh City"],
        names: Shape::Vietnamese,
        ministry: "Ministry of Foreign Affairs of Viet Nam",
    },
    Host {
        iso3: "IDN",
        cities: &["Jakarta", "Bali", "Yogyakarta"],
        names: Shape::Indonesian,
        ministry: "Ministry of Foreign Affairs of the Republic of Indonesia",
    },
    Host {
        iso3: "MYS",
        cities: &["Kuala Lumpur", "Putrajaya"],
        names: Shape::Malay,
        ministry: "Ministry of Foreign Affairs Malaysia",
    },
    Host {
        iso3: "THA",
        cities: &["Bangkok", "Chiang Mai"],
        names: Shape::Thai,
        ministry: "Ministry of Foreign Affairs, Kingdom of Thailand",
    },
    Host {
        iso3: "PHL",
        cities: &["Manila", "Cebu"],
        names: Shape::Filipino,
        ministry: "Department of Foreign Affairs, Republic of the Philippines",
    },
    Host {
        iso3: "KHM",
        cities: &["Phnom Penh", "Siem Reap"],
        names: Shape::Khmer,
        ministry: "Ministry of Foreign Affairs and International Cooperation of Cambodia",
    },
    Host {
        iso3: "LAO",
        cities: &["Vientiane", "Luang Prabang"],
        names: Shape::Lao,
        ministry: "Ministry of Foreign Affairs of the Lao PDR",
    },
    Host {
        iso3: "SGP",
        cities: &["Singapore"],
        names: Shape::Chinese,
        ministry: "Ministry of Foreign Affairs Singapore",
    },
    Host {
        iso3: "AUS",
        cities: &["Canberra", "Sydney"],
        names: Shape::Western,
        ministry: "Department of Foreign Affairs and Trade, Australia",
    },
    Host {
        iso3: "NZL",
        cities: &["Wellington", "Auckland"],
        names: Shape::Western,
        ministry: "Ministry of Foreign Affairs and Trade, New Zealand",
    },
    Host {
        iso3: "IND",
        cities: &["New Delhi", "Mumbai"],
        names: Shape::Indian,
        ministry: "Ministry of External Affairs, India",
    },
    Host {
        iso3: "USA",
        cities: &["Washington", "Honolulu"],
        names: Shape::Western,
        ministry: "Department of State, United States",
    },
    Host {
        iso3: "CAN",
        cities: &["Ottawa"],
        names: Shape::Western,
        ministry: "Global Affairs Canada",
    },
    Host {
        iso3: "DEU",
        cities: &["Berlin"],
        names: Shape::Western,
        ministry: "Federal Foreign Office, Germany",
    },
    Host {
        iso3: "FRA",
        cities: &["Paris"],
        names: Shape::Western,
        ministry: "Ministry for Europe and Foreign Affairs, France",
    },
    Host {
        iso3: "GBR",
        cities: &["London"],
        names: Shape::Western,
        ministry: "Foreign, Commonwealth and Development Office, United Kingdom",
    },
    Host {
        iso3: "RUS",
        cities: &["Moscow"],
        names: Shape::Western,
        ministry: "Ministry of Foreign Affairs of the Russian Federation",
    },
];

/// ASEAN members among the hosts (they host ASEAN-X and Mekong-X meetings).
const ASEAN: &[&str] = &["VNM", "IDN", "MYS", "THA", "PHL", "KHM", "LAO", "SGP"];
const MEKONG: &[&str] = &["VNM", "THA", "KHM", "LAO"];
/// Dialogue partners of ASEAN among the hosts.
const PARTNERS: &[&str] = &[
    "KOR", "JPN", "CHN", "AUS", "NZL", "IND", "USA", "CAN", "RUS",
];
const MEKONG_PARTNERS: &[&str] = &["KOR", "JPN", "USA", "IND"];

const MONTHS: [&str; 12] = crate::text::dates::MONTH_NAMES;

/// A generated official: full name, how the text refers to them later, their title.
struct Official {
    name: String,
    short: String,
    title: &'static str,
    state: &'static str,
}

fn syllable_name(rng: &mut Rng, shape: Shape) -> (String, String) {
    match shape {
        Shape::Korean => {
            let fam = rng.pick(&[
                "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han",
                "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Min", "Moon",
                "Baek", "Nam",
            ]);
            let a = rng.pick(&[
                "Jae", "Seo", "Min", "Su", "Ji", "Hye", "Sung", "Young", "Eun", "Kyung", "Dong",
                "Hyun", "Tae", "Sang", "Yoon", "Chan",
            ]);
            let b = rng.pick(&[
                "hoon", "yeon", "jin", "woo", "ho", "min", "soo", "ah", "won", "joon", "hee",
                "seok", "kyu", "bin",
            ]);
            (format!("{fam} {a}-{b}"), fam.to_string())
        }
        Shape::Japanese => {
            let fam = rng.pick(&[
                "Takahashi",
                "Suzuki",
                "Sato",
                "Tanaka",
                "Watanabe",
                "Ito",
                "Yamamoto",
                "Nakamura",
                "Kobayashi",
                "Kato",
                "Yoshida",
                "Matsumoto",
                "Inoue",
                "Kimura",
            ]);
            let given = rng.pick(&[
                "Kenji", "Hiroshi", "Yuko", "Akira", "Naoko", "Takeshi", "Emi", "Daisuke",
                "Haruka", "Satoshi", "Mariko", "Shinji",
            ]);
            if rng.chance(40) {
                (format!("{} {given}", fam.to_uppercase()), fam.to_string())
            } else {
                (format!("{given} {fam}"), fam.to_string())
            }
        }
        Shape::Chinese => {
            let fam = rng.pick(&[
                "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Tan",
                "Lim", "Goh", "Ng",
            ]);
            let given = rng.pick(&[
                "Wei",
                "Jianguo",
                "Xiaoming",
                "Hui Ling",
                "Yong",
                "Mei",
                "Zhiqiang",
                "Kok Seng",
                "Siew Ling",
                "Boon Hwee",
            ]);
            (format!("{fam} {given}"), fam.to_string())
        }
        Shape::Vietnamese => {
            let fam = rng.pick(&[
                "Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo",
            ]);
            let mid = rng.pick(&["Van", "Thi", "Quoc", "Minh", "Duc", "Thanh", "Huu"]);
            let given = rng.pick(&[
                "Thang", "Hung", "Lan", "Mai", "Tuan", "Dung", "Hai", "Son", "Binh", "Trung",
                "Huong",
            ]);
            (format!("{fam} {mid} {given}"), given.to_string())
        }
        Shape::Indonesian => {
            let a = rng.pick(&[
                "Dewi", "Retno", "Budi", "Sri", "Agus", "Rizal", "Siti", "Ahmad", "Yudha", "Rina",
                "Teguh", "Indah",
            ]);
            let b = rng.pick(&[
                "Kartikasari",
                "Wibowo",
                "Santoso",
                "Hartono",
                "Pratama",
                "Lestari",
                "Nugroho",
                "Siregar",
                "Halim",
                "Setiawan",
            ]);
            (format!("{a} {b}"), a.to_string())
        }
        Shape::Malay => {
            let female = rng.chance(40);
            let a = if female {
                rng.pick(&["Nur Aisyah", "Siti Aminah", "Farah Diana", "Nurul Huda"])
            } else {
                rng.pick(&[
                    "Ahmad Faizal",
                    "Mohd Azmi",
                    "Khairul Anuar",
                    "Hafiz Rahman",
                    "Zulkifli",
                ])
            };
            let b = rng.pick(&[
                "Abdul Rahman",
                "Hamid",
                "Ismail",
                "Yusof",
                "Othman",
                "Abdullah",
            ]);
            let particle = if female { "binti" } else { "bin" };
            let first = a.split(' ').next().unwrap_or(a);
            (format!("{a} {particle} {b}"), first.to_string())
        }
        Shape::Thai => {
            let a = rng.pick(&[
                "Somchai",
                "Kanokporn",
                "Prasit",
                "Supaporn",
                "Anan",
                "Chanida",
                "Wirat",
                "Pornthip",
            ]);
            let b = rng.pick(&[
                "Wongsawat",
                "Srisuk",
                "Chaiyaporn",
                "Rattanakul",
                "Boonmee",
                "Saengchai",
                "Thongdee",
            ]);
            (format!("{a} {b}"), a.to_string())
        }
        Shape::Filipino => {
            let a = rng.pick(&[
                "Maria", "Jose", "Ana", "Ramon", "Carmela", "Eduardo", "Teresa", "Antonio",
            ]);
            let b = rng.pick(&[
                "Santos",
                "Reyes",
                "Cruz",
                "Bautista",
                "Villanueva",
                "Mendoza",
                "Garcia",
                "Aquino",
            ]);
            (format!("{a} {b}"), b.to_string())
        }
        Shape::Khmer => {
            let fam = rng.pick(&["Chea", "Sok", "Keo", "Prak", "Hun", "Ouk"]);
            let given = rng.pick(&["Sokha", "Vannak", "Chanthy", "Sophal", "Dara", "Bopha"]);
            (format!("{fam} {given}"), given.to_string())
        }
        Shape::Lao => {
            let a = rng.pick(&[
                "Bounmy",
                "Phonesavanh",
                "Khamphao",
                "Viengthong",
                "Souksavanh",
            ]);
            let b = rng.pick(&["Sengdara", "Vongsa", "Phommachanh", "Inthavong", "Keomany"]);
            (format!("{a} {b}"), a.to_string())
        }
        Shape::Western => {
            let a = rng.pick(&[
                "Helena", "Marcus", "Sophie", "Daniel", "Claire", "Thomas", "Anna", "Peter",
                "Laura", "James", "Olivia", "Martin",
            ]);
            let b = rng.pick(&[
                "Brandt",
                "Moreau",
                "Fischer",
                "Bianchi",
                "Novak",
                "Jensen",
                "Walsh",
                "Keller",
                "Harper",
                "Lindqvist",
                "Duval",
                "Morgan",
            ]);
            (format!("{a} {b}"), b.to_string())
        }
        Shape::Indian => {
            let a = rng.pick(&[
                "Arun", "Priya", "Rajesh", "Sunita", "Vikram", "Anjali", "Sanjay",
            ]);
            let b = rng.pick(&["Sharma", "Menon", "Iyer", "Gupta", "Rao", "Verma", "Nair"]);
            (format!("{a} {b}"), b.to_string())
        }
    }
}

const SENIOR_TITLES: &[&str] = &[
    "Vice Foreign Minister",
    "First Vice Foreign Minister",
    "Deputy Minister for Foreign Affairs",
    "Vice Minister for Foreign Affairs",
    "Permanent Secretary",
    "Deputy Foreign Minister",
];
const MINISTER_TITLES: &[&str] = &[
    "Foreign Minister",
    "Minister for Foreign Affairs",
    "Minister of Foreign Affairs",
];
const OFFICIAL_TITLES: &[&str] = &[
    "Director-General for ASEAN Affairs",
    "Ambassador",
    "Deputy Director-General",
    "Special Envoy",
    "Senior Official",
];

fn official(rng: &mut Rng, host: &Host, titles: &[&'static str]) -> Official {
    let (name, short) = syllable_name(rng, host.names);
    Official {
        name,
        short,
        title: rng.word(titles),
        state: host.iso3,
    }
}

fn host(iso3: &str) -> &'static Host {
    HOSTS
        .iter()
        .find(|h| h.iso3 == iso3)
        .expect("host in table")
}

fn ordinal(n: u32) -> String {
    crate::extract::ordinal_suffix(n)
}

/// Reference names the generator draws from, prepared once.
struct Lexicon<'k> {
    k: &'k Knowledge,
    /// Issues by the first label or alias that reads well in running text.
    issues: Vec<String>,
    /// Mechanisms by label, with acronym when there is one.
    mechanisms: Vec<(String, Option<String>)>,
    /// (stance index, past-tense verb phrase).
    verbs: Vec<(usize, String)>,
    /// States any text may mention (members of the UN with a short enough name).
    states: Vec<usize>,
}

impl<'k> Lexicon<'k> {
    fn new(k: &'k Knowledge) -> Self {
        let issues = k
            .issues
            .iter()
            .filter(|i| i.requires_context.is_none() && i.about_states.is_empty())
            .map(|i| i.label.clone())
            .collect();
        let mechanisms = k
            .mechanisms
            .iter()
            .filter(|m| m.label.len() < 60)
            .map(|m| (m.label.clone(), m.acronym.clone()))
            .collect();
        const IRREGULAR: &[&str] = &[
            "said", "held", "met", "sought", "took", "gave", "made", "paid", "spoke", "stood",
            "had", "reached", "shared",
        ];
        let mut verbs = Vec::new();
        for (si, s) in k.stances.iter().enumerate() {
            for v in &s.verbs {
                let first = v.split(' ').next().unwrap_or("");
                let past = first.ends_with("ed") || IRREGULAR.contains(&first);
                let awkward = v.ends_with(" that") || first == "was" || first == "were";
                if past && !awkward && !v.contains("meeting") {
                    verbs.push((si, v.clone()));
                }
            }
        }
        let states = k
            .states
            .iter()
            .enumerate()
            .filter(|(_, s)| s.un_status == "member" || s.short.is_some())
            .filter(|(_, s)| s.label.len() < 30)
            .map(|(i, _)| i)
            .collect();
        Lexicon {
            k,
            issues,
            mechanisms,
            verbs,
            states,
        }
    }

    fn state_label(&self, iso3: &str) -> String {
        self.k
            .state(iso3)
            .map(|s| s.label.clone())
            .unwrap_or_else(|| iso3.to_string())
    }

    fn state_short(&self, iso3: &str) -> String {
        self.k
            .state(iso3)
            .map(|s| s.short_label().to_string())
            .unwrap_or_else(|| iso3.to_string())
    }

    fn any_state(&self, rng: &mut Rng) -> String {
        let i = *rng.pick(&self.states);
        self.k.states[i].label.clone()
    }

    fn issue(&self, rng: &mut Rng) -> String {
        rng.pick(&self.issues).clone()
    }

    fn mechanism(&self, rng: &mut Rng) -> String {
        let (label, acronym) = rng.pick(&self.mechanisms);
        match acronym {
            Some(a) if rng.chance(30) => format!("the {label} ({a})"),
            Some(a) if rng.chance(30) => a.clone(),
            _ => format!("the {label}"),
        }
    }

    /// A statement's verb phrase and complement, in the past tense.
    fn predicate(&self, rng: &mut Rng) -> String {
        let (_, verb) = rng.pick(&self.verbs);
        let topic = if rng.chance(70) {
            self.issue(rng)
        } else {
            self.mechanism(rng)
        };
        let topic = topic.strip_prefix("the ").unwrap_or(&topic).to_string();
        let last = verb.rsplit(' ').next().unwrap_or("");
        let complement = match last {
            "to" if verb.ends_with("forward to") || verb.ends_with("committed to") => format!(
                "{} cooperation on {topic}",
                rng.pick(&["deepening", "strengthening", "expanding", "advancing"])
            ),
            "to" => format!(
                "{} cooperation on {topic}",
                rng.pick(&["deepen", "strengthen", "expand", "advance", "step up"])
            ),
            "on" | "upon" | "for" | "of" | "about" | "in" | "behind" | "at" => {
                format!("the {topic}")
            }
            _ if verb.contains(' ') => format!(
                "{} {topic}",
                rng.pick(&["regarding", "with regard to", "concerning", "on"])
            ),
            _ => format!(
                "{} {topic}",
                rng.pick(&[
                    "progress on",
                    "the outcome of talks on",
                    "efforts on",
                    "the work on",
                    "cooperation on"
                ])
            ),
        };
        format!("{verb} {complement}")
    }
}

/// A series of meetings: its name, the two sides, and where it may meet.
struct SeriesPlan {
    name: String,
    /// The publishing side and the other side.
    home: &'static Host,
    guest: &'static Host,
    ministerial: bool,
}

fn plan_series(rng: &mut Rng, lex: &Lexicon) -> SeriesPlan {
    match rng.below(7) {
        0 | 1 => {
            let partner = host(rng.word(PARTNERS));
            let coordinator = host(rng.word(ASEAN));
            let kind = rng.pick(&[
                "Dialogue",
                "Dialogue",
                "Forum",
                "Joint Cooperation Committee Meeting",
            ]);
            SeriesPlan {
                name: format!("ASEAN-{} {kind}", lex.state_short(partner.iso3)),
                home: partner,
                guest: coordinator,
                ministerial: false,
            }
        }
        2 => {
            let partner = host(rng.word(MEKONG_PARTNERS));
            let chair = host(rng.word(MEKONG));
            SeriesPlan {
                name: format!(
                    "Mekong-{} Foreign Ministers' Meeting",
                    lex.state_short(partner.iso3)
                ),
                home: partner,
                guest: chair,
                ministerial: true,
            }
        }
        _ => {
            let a = rng.pick(HOSTS);
            let mut b = rng.pick(HOSTS);
            while b.iso3 == a.iso3 {
                b = rng.pick(HOSTS);
            }
            let (kind, ministerial) = *rng.pick(&[
                ("Strategic Dialogue", false),
                ("Vice-Ministerial Strategic Dialogue", false),
                ("Joint Commission Meeting", true),
                ("Policy Consultations", false),
                ("Foreign Ministers' Meeting", true),
            ]);
            SeriesPlan {
                name: format!(
                    "{}-{} {kind}",
                    lex.state_short(a.iso3),
                    lex.state_short(b.iso3),
                ),
                home: a,
                guest: b,
                ministerial,
            }
        }
    }
}

/// One generated document: a relative file name and its bytes.
pub struct Generated {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Document `i` of the corpus for `seed`.
pub fn document(seed: u64, i: u64) -> Generated {
    let k = Knowledge::get();
    let lex = Lexicon::new(k);
    document_with(&lex, seed, i)
}

fn document_with(lex: &Lexicon, seed: u64, i: u64) -> Generated {
    let mut rng = Rng::new(seed ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();
    let series = plan_series(&mut rng, lex);
    let n = 1 + rng.below(40) as u32;
    let year = 2005 + rng.below(21) as u32;
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    // Who publishes: either side's ministry, a news agency, or the ASEAN Secretariat.
    let style = rng.below(10);
    let venue = if rng.chance(50) {
        series.home
    } else {
        series.guest
    };
    let city = *rng.pick(venue.cities);
    let virtual_ = rng.chance(12);
    let titles: &[&'static str] = if series.ministerial {
        MINISTER_TITLES
    } else {
        SENIOR_TITLES
    };
    let lead = official(&mut rng, series.home, titles);
    let other = official(&mut rng, series.guest, titles);
    let extra = official(&mut rng, series.home, OFFICIAL_TITLES);
    let meeting = format!("{} {}", ordinal(n), series.name);
    let date_long = format!("{day} {} {year}", MONTHS[month - 1]);
    let date_us = format!("{} {day}", MONTHS[month - 1]);

    let mut body: Vec<String> = Vec::new();
    let place = if virtual_ {
        "via video conference".to_string()
    } else {
        format!("in {city}")
    };
    body.push(format!(
        "{} {} {} the {meeting} with {} {} of {} {place} on {date_us}. {}",
        lead.title,
        lead.name,
        rng.pick(&["held", "co-chaired", "attended"]),
        other.title,
        other.name,
        lex.state_label(other.state),
        rng.pick(&[
            "The two sides reviewed the state of their relations and ways to take them forward.",
            "The meeting brought together senior officials of both sides.",
            "Both sides took stock of cooperation since the previous meeting.",
            "It was the first such meeting held in person in several years.",
        ])
    ));
    let speakers = |rng: &mut Rng| -> String {
        match rng.below(6) {
            0 => format!("{} {}", lead.title, lead.short),
            1 => format!("{} {}", other.title, other.short),
            2 => "The two sides".to_string(),
            3 => "Both sides".to_string(),
            4 => format!("The {} side", lex.state_short(lead.state)),
            _ => format!("{} {}", extra.title, extra.short),
        }
    };
    let paragraphs = 4 + rng.below(5);
    for _ in 0..paragraphs {
        let mut p = String::new();
        if rng.chance(55) {
            p.push_str(rng.word(&[
                "The discussion was held in a friendly and constructive atmosphere. ",
                "Both delegations included officials from several line ministries and agencies. ",
                "The session opened with a review of the implementation of decisions taken at the previous meeting. ",
                "Participants went through the agenda item by item and agreed on the follow-up steps for each. ",
                "Officials noted that trade and people-to-people exchanges had recovered steadily over the past year. ",
                "The delegations spent much of the morning session on the work plan for the coming two years. ",
            ]));
        }
        let sentences = 1 + rng.below(3);
        for s in 0..sentences {
            if s > 0 {
                p.push(' ');
            }
            let who = speakers(&mut rng);
            let pred = lex.predicate(&mut rng);
            match rng.below(5) {
                0 => {
                    let st = lex.any_state(&mut rng);
                    let _ = write!(
                        p,
                        "{who} {pred}, and noted the role of {st} in {}.",
                        lex.issue(&mut rng)
                    );
                }
                1 => {
                    let _ = write!(p, "{who} {pred} under {}.", lex.mechanism(&mut rng));
                }
                2 => {
                    let _ = write!(
                        p,
                        "On {}, {} {pred}.",
                        lex.issue(&mut rng),
                        lower_group(&who)
                    );
                }
                _ => {
                    let _ = write!(p, "{who} {pred}.");
                }
            }
        }
        body.push(p);
    }
    if rng.chance(60) {
        let next_host = if rng.chance(50) {
            series.home
        } else {
            series.guest
        };
        let next_city = *rng.pick(next_host.cities);
        body.push(format!(
            "The {} {} will be held in {next_city} in {}.",
            ordinal(n + 1),
            series.name,
            year + 1
        ));
    }

    let slug: String = meeting
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let dir = format!("{:03}", i / 1000);
    let title = match style {
        0..=2 => format!("Outcome of the {meeting}"),
        3 | 4 => format!(
            "{} {} attends {meeting}",
            lex.state_short(lead.state),
            lead.title
        ),
        5 | 6 => format!(
            "{} and {} hold {meeting}",
            lex.state_short(series.guest.iso3),
            lex.state_short(series.home.iso3)
        ),
        _ => format!("The {meeting} {place}"),
    };
    let html = rng.chance(10);
    let mut text = String::new();
    match style {
        3 | 4 => {
            // A news agency item with a dateline.
            let _ = writeln!(text, "{title}\n");
            let _ = write!(
                text,
                "{}, {date_us} ({}) -- ",
                city.to_uppercase(),
                rng.pick(&["Asia Wire", "Regional Press Service", "Capital News Agency"])
            );
            for (j, p) in body.iter().enumerate() {
                if j > 0 {
                    text.push_str("\n\n");
                }
                text.push_str(p);
            }
            let _ = writeln!(text, "\n\n(END)");
        }
        5 | 6 => {
            // A secretariat-style release.
            let _ = writeln!(text, "{title}\n");
            let _ = write!(text, "{}, {date_long} – ", city.to_uppercase());
            for (j, p) in body.iter().enumerate() {
                if j > 0 {
                    text.push_str("\n\n");
                }
                text.push_str(p);
            }
            text.push('\n');
        }
        _ => {
            // A ministry press release with numbered paragraphs.
            let publisher = if rng.chance(50) {
                series.home
            } else {
                series.guest
            };
            let _ = writeln!(
                text,
                "{}\nHome > Press > Press Releases\n",
                publisher.ministry
            );
            let _ = writeln!(text, "{title}\n");
            let _ = writeln!(text, "Date {year}-{month:02}-{day:02}\n");
            for (j, p) in body.iter().enumerate() {
                let _ = writeln!(text, "{}. {p}\n", j + 1);
            }
            let _ = writeln!(text, "[Print] [List]");
        }
    }
    let (ext, bytes) = if html {
        let mut h = String::new();
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\n<script>var menu = [\"Home\", \"Press\"];</script></head>\n<body><nav><a href=\"/\">Home</a> &gt; <a href=\"/press\">Press</a></nav>\n<main><article>\n",
            escape(&title)
        );
        for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let _ = writeln!(h, "<p>{}</p>", escape(para.trim()));
        }
        let _ = write!(
            h,
            "</article></main>\n<footer>Copyright</footer></body></html>\n"
        );
        ("html", h.into_bytes())
    } else {
        ("txt", text.into_bytes())
    };
    Generated {
        name: format!("{dir}/{i:07}-{slug}.{ext}"),
        bytes,
    }
}

/// "The two sides" → "the two sides" inside a sentence; names keep their capitals.
fn lower_group(who: &str) -> String {
    match who.split_once(' ') {
        Some((first @ ("The" | "Both"), rest)) => format!("{} {rest}", first.to_lowercase()),
        _ => who.to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Write documents `0..n` for `seed` under `out`; returns their paths and total bytes.
pub fn generate(n: u64, seed: u64, out: &Path) -> io::Result<(Vec<PathBuf>, u64)> {
    let lex = Lexicon::new(Knowledge::get());
    let mut paths = Vec::with_capacity(n as usize);
    let mut total = 0u64;
    for i in 0..n {
        let g = document_with(&lex, seed, i);
        let path = out.join(&g.name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &g.bytes)?;
        total += g.bytes.len() as u64;
        paths.push(path);
    }
    Ok((paths, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_prefix_stable() {
        let a = document(7, 3);
        let b = document(7, 3);
        assert_eq!(a.name, b.name);
        assert_eq!(a.bytes, b.bytes);
        assert_ne!(document(8, 3).bytes, a.bytes);
    }

    #[test]
    fn splitmix_is_fixed() {
        // The first output of SplitMix64 for seed 0, by definition of the algorithm.
        assert_eq!(Rng::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    }
}
