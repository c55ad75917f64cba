//! The vocabulary of the demo organisation: names, departments and titles, places,
//! channels, bots and the short sentences its messages say.

pub const ORG_NAME: &str = "Meridian Works";
pub const EMAIL_DOMAIN: &str = "meridianworks.example";

pub const FIRST_NAMES: &[&str] = &[
    "Aarav", "Ada", "Aisha", "Amara", "Anders", "Ben", "Beatriz", "Bruno", "Carla", "Chen", "Chidi", "Chloe",
    "Dana", "Daniela", "Diego", "Dmitri", "Eero", "Elena", "Emma", "Ethan", "Farah", "Fatima", "Felix", "Freya",
    "Gabriel", "George", "Grace", "Gustavo", "Hana", "Helena", "Hiroshi", "Hugo", "Ibrahim", "Ines", "Isla",
    "Ivan", "Jack", "Jamal", "Jonas", "Julia", "Kai", "Kavya", "Keiko", "Kofi", "Lars", "Leila", "Liam", "Lucia",
    "Marco", "Mateo", "Maya", "Mei", "Nadia", "Nikhil", "Noah", "Nora", "Olivia", "Olu", "Omar", "Oscar",
    "Pablo", "Petra", "Pia", "Priya", "Quinn", "Rafael", "Rahul", "Ravi", "Rosa", "Sana", "Sara", "Sophie",
    "Sven", "Tariq", "Theo", "Tom", "Tomás", "Uma", "Ursula", "Valentina", "Vera", "Viktor", "Wei", "Wen",
    "William", "Xavier", "Ximena", "Yara", "Yuki", "Yusuf", "Zara", "Zoe", "Amélie", "Björn", "Chiara", "Dev",
];

pub const LAST_NAMES: &[&str] = &[
    "Abara", "Ahmed", "Alvarez", "Andersen", "Bakker", "Banerjee", "Becker", "Bianchi", "Brown", "Campbell",
    "Chen", "Clarke", "Costa", "Das", "de Vries", "Dubois", "Eriksson", "Evans", "Fernandes", "Fischer",
    "Garcia", "Goh", "Gupta", "Hansen", "Haddad", "Hughes", "Ibrahim", "Ito", "Iyer", "Jansen", "Johnson",
    "Kaur", "Kim", "Kowalski", "Kumar", "Larsen", "Lee", "Lopez", "Martin", "Mensah", "Meyer", "Moreau",
    "Müller", "Nakamura", "Nguyen", "Novak", "Nowak", "O'Brien", "Okafor", "Olsen", "Patel", "Pereira",
    "Petrov", "Quinn", "Rao", "Reddy", "Rossi", "Santos", "Sato", "Schmidt", "Shah", "Silva", "Singh",
    "Smith", "Suzuki", "Tanaka", "Taylor", "Thomas", "Torres", "Van Dijk", "Virtanen", "Wang", "Weber",
    "Williams", "Wilson", "Wong", "Yamamoto", "Yilmaz", "Zhang", "Zielinski",
];

pub struct Department {
    pub name: &'static str,
    pub slug: &'static str,
    /// Relative size.
    pub weight: u32,
    /// The department's most senior leader.
    pub top: &'static str,
    /// Titles of its other leaders (reused when a big department needs more).
    pub leaders: &'static [&'static str],
    /// Everyone else's titles: none contains a leader title word.
    pub staff: &'static [&'static str],
}

pub const DEPARTMENTS: &[Department] = &[
    Department {
        name: "Engineering",
        slug: "engineering",
        weight: 24,
        top: "Chief Technology Officer",
        leaders: &["VP Engineering", "Director of Platform Engineering", "Head of Quality", "Director of Infrastructure", "Head of Mobile"],
        staff: &["Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "QA Engineer", "Site Reliability Engineer", "Data Engineer", "Frontend Developer"],
    },
    Department {
        name: "Sales",
        slug: "sales",
        weight: 14,
        top: "Chief Revenue Officer",
        leaders: &["VP Sales EMEA", "VP Sales Americas", "Director of Sales APAC", "Head of Sales Operations"],
        staff: &["Account Executive", "Senior Account Executive", "Sales Development Representative", "Sales Manager", "Solutions Consultant"],
    },
    Department {
        name: "Customer Success",
        slug: "customer-success",
        weight: 11,
        top: "VP Customer Success",
        leaders: &["Director of Support", "Head of Customer Education", "Director of Customer Success"],
        staff: &["Customer Success Manager", "Support Specialist", "Support Engineer", "Onboarding Specialist", "Technical Account Manager"],
    },
    Department {
        name: "Operations",
        slug: "operations",
        weight: 10,
        top: "Chief Operating Officer",
        leaders: &["Director of Operations", "Head of Facilities", "Head of Procurement"],
        staff: &["Operations Analyst", "Facilities Coordinator", "Procurement Specialist", "Logistics Coordinator", "Office Manager"],
    },
    Department {
        name: "Product",
        slug: "product",
        weight: 7,
        top: "Chief Product Officer",
        leaders: &["Director of Product Management", "Head of Design", "Head of User Research"],
        staff: &["Product Manager", "Senior Product Manager", "Product Designer", "UX Researcher", "Content Designer"],
    },
    Department {
        name: "Marketing",
        slug: "marketing",
        weight: 7,
        top: "Chief Marketing Officer",
        leaders: &["Director of Brand", "Head of Content", "Head of Demand Generation"],
        staff: &["Marketing Specialist", "Content Strategist", "Brand Manager", "Events Coordinator", "Marketing Analyst"],
    },
    Department {
        name: "Research",
        slug: "research",
        weight: 6,
        top: "VP Research",
        leaders: &["Director of Applied Research", "Head of Data Science"],
        staff: &["Research Scientist", "Data Scientist", "Research Associate", "Research Engineer"],
    },
    Department {
        name: "Finance",
        slug: "finance",
        weight: 5,
        top: "Chief Financial Officer",
        leaders: &["Director of Finance", "Head of Tax"],
        staff: &["Financial Analyst", "Accountant", "Payroll Specialist", "Controller"],
    },
    Department {
        name: "IT",
        slug: "it",
        weight: 5,
        top: "Chief Information Officer",
        leaders: &["Head of IT Operations", "Director of Security"],
        staff: &["IT Support Engineer", "Systems Administrator", "Security Analyst", "Network Engineer"],
    },
    Department {
        name: "People & Culture",
        slug: "people-and-culture",
        weight: 4,
        top: "Chief People Officer",
        leaders: &["Head of Talent Acquisition", "Director of Learning"],
        staff: &["Recruiter", "People Advisor", "Learning Specialist", "HR Generalist", "Compensation Analyst"],
    },
    Department {
        name: "Legal",
        slug: "legal",
        weight: 2,
        top: "VP Legal",
        leaders: &["Head of Compliance"],
        staff: &["Legal Counsel", "Paralegal", "Compliance Analyst", "Privacy Counsel"],
    },
    Department {
        name: "Executive Office",
        slug: "office-of-the-ceo",
        weight: 1,
        top: "Chief Executive Officer",
        leaders: &["Chief of Staff"],
        staff: &["Executive Assistant", "Strategy Analyst", "Communications Lead"],
    },
];

/// Index of the Executive Office in [`DEPARTMENTS`].
pub const EXEC_DEPT: usize = 11;

pub struct Location {
    pub name: &'static str,
    /// Minutes east of UTC (daylight saving ignored).
    pub utc_offset_min: i64,
    pub tz: &'static str,
    pub weight: u32,
}

pub const LOCATIONS: &[Location] = &[
    Location { name: "London", utc_offset_min: 0, tz: "Europe/London", weight: 22 },
    Location { name: "New York", utc_offset_min: -300, tz: "America/New_York", weight: 16 },
    Location { name: "Bangalore", utc_offset_min: 330, tz: "Asia/Kolkata", weight: 12 },
    Location { name: "Amsterdam", utc_offset_min: 60, tz: "Europe/Amsterdam", weight: 10 },
    Location { name: "Singapore", utc_offset_min: 480, tz: "Asia/Singapore", weight: 9 },
    Location { name: "Berlin", utc_offset_min: 60, tz: "Europe/Berlin", weight: 8 },
    Location { name: "Sydney", utc_offset_min: 600, tz: "Australia/Sydney", weight: 7 },
    Location { name: "Toronto", utc_offset_min: -300, tz: "America/Toronto", weight: 7 },
    Location { name: "São Paulo", utc_offset_min: -180, tz: "America/Sao_Paulo", weight: 5 },
    Location { name: "Remote", utc_offset_min: 0, tz: "Europe/London", weight: 4 },
];

/// Cross-functional public channels: (name, purpose, popularity).
pub const INTEREST_CHANNELS: &[(&str, &str, u32)] = &[
    ("ideas", "Half-formed ideas welcome: improve how we work", 14),
    ("wins", "Share a win, big or small, and who made it happen", 12),
    ("working-out-loud", "Show your work in progress and what you are learning", 9),
    ("ask-anything", "No question is too small; someone here knows", 14),
    ("customer-stories", "What customers told us this week", 9),
    ("learning", "Courses, talks and books worth your time", 8),
    ("social-leadership", "Leaders and champions building a connected organisation", 5),
    ("book-club", "One book a month, discussed in threads", 4),
    ("wellbeing", "Looking after ourselves and each other", 6),
    ("sustainability", "Reducing our footprint, one change at a time", 4),
    ("data-guild", "Analysts, scientists and the data-curious", 6),
    ("design-crit", "Friendly critique for anything visual", 4),
    ("remote-life", "Tips and tales from people working away from an office", 5),
    ("new-joiners", "Welcome! Introduce yourself here", 7),
];

pub const PRIVATE_CHANNELS: &[(&str, &str)] = &[
    ("leadership-team", "The leadership team's working channel"),
    ("exec-offsite", "Planning the executive offsite"),
    ("hiring-committee", "Senior hiring decisions"),
    ("finance-close", "Month-end close coordination"),
    ("security-incidents", "Security incident response (need to know)"),
    ("project-clover", "Cross-functional programme: a more connected company"),
];

/// A bot: (display name, handle, channel slug, messages per weekday for 1,600 people,
/// whether the rate grows with the organisation).
pub const BOTS: &[(&str, &str, &str, f64, bool)] = &[
    ("Deploy Bot", "deploy-bot", "engineering", 1.8, true),
    ("Standup Bot", "standup-bot", "product", 1.0, false),
    ("Jira", "jira", "product", 0.9, true),
    ("Salesforce", "salesforce", "sales", 0.9, true),
    ("Zendesk", "zendesk", "customer-success", 1.2, true),
    ("Birthday Bot", "birthday-bot", "general", 0.0, true),
    ("Google Calendar", "google-calendar", "random", 0.3, true),
    ("Polly", "polly", "general", 0.2, false),
];

pub const EMOJI: &[&str] = &["+1", "heart", "tada", "clap", "raised_hands", "eyes", "rocket", "100", "bulb", "pray", "white_check_mark", "joy"];
pub const EMOJI_WEIGHTS: &[u32] = &[34, 14, 10, 9, 8, 6, 5, 4, 3, 3, 3, 2];

const SUBJECTS: &[&str] = &[
    "The Q3 roadmap", "Our customer pilot", "The onboarding flow", "This week's release", "The new pricing page",
    "The team offsite", "The hiring plan", "Our support backlog", "The Singapore launch", "Last quarter's numbers",
    "The partner webinar", "The security review", "Our OKRs", "The design system", "The data migration",
    "The quarterly all-hands", "The mentoring programme", "The renewal forecast", "The new expense tool",
    "The accessibility audit", "Our sustainability report", "The customer advisory board", "The intranet refresh",
];

const PREDICATES: &[&str] = &[
    "is ready for review", "needs a second pair of eyes", "went better than expected", "is blocked on one decision",
    "shipped this morning", "could use your ideas", "is trending the right way", "has a few open questions",
    "is now live for everyone", "taught us something surprising", "is behind by a week", "got great feedback",
    "needs volunteers", "is documented in the wiki",
];

const TAILS: &[&str] = &[
    ".", ". Thoughts?", " — details in the doc.", ". Thanks everyone!", ". Happy to walk anyone through it.",
    " 🎉", ". What did we miss?", ". Shout if you can help.", ", and here is what we learned.",
];

const REPLIES: &[&str] = &[
    "Great point!", "+1, agreed.", "Thanks for sharing this.", "I can help with that.", "Could we discuss on Thursday?",
    "Love this 👏", "Do we have data on it?", "Nice work, team!", "Adding this to our next retro.",
    "We saw the same in our region.", "Who owns the next step?", "This saved me an hour, thank you.",
    "Can you share the link?", "Let's try it in my team first.", "Really useful, bookmarking it.",
];

/// A short made-up sentence for a post (only for realism: importers drop text).
pub fn post_text(seed: u64) -> String {
    let a = SUBJECTS[(seed % SUBJECTS.len() as u64) as usize];
    let b = PREDICATES[((seed >> 16) % PREDICATES.len() as u64) as usize];
    let c = TAILS[((seed >> 32) % TAILS.len() as u64) as usize];
    format!("{a} {b}{c}")
}

pub fn reply_text(seed: u64) -> &'static str {
    REPLIES[(seed % REPLIES.len() as u64) as usize]
}

/// What a bot says (`n` varies the numbers in it).
pub fn bot_text(handle: &str, n: u64) -> String {
    match handle {
        "deploy-bot" => format!("Deployed api v2.{}.{} to production", n % 40, n % 7),
        "standup-bot" => "Standup time: share yesterday, today and blockers in the thread".to_string(),
        "jira" => format!("MER-{} moved to Done", 1000 + n % 9000),
        "salesforce" => format!("Opportunity closed won: account #{}", 100 + n % 900),
        "zendesk" => format!("Ticket #{} escalated to tier 2", 20_000 + n % 80_000),
        "birthday-bot" => "Happy birthday! 🎂".to_string(),
        "google-calendar" => "Reminder: company all-hands starts in 15 minutes".to_string(),
        "polly" => "Weekly pulse: how connected did you feel to other teams this week?".to_string(),
        _ => "Automated update".to_string(),
    }
}

/// Lowercase ASCII letters of a name, for handles and emails (`Tomás O'Brien` → `tomas`, `obrien`).
pub fn ascii_slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'Á' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ø' => 'o',
            other => other,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}
