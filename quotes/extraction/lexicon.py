"""Word lists used by the extraction rules: reporting verbs, titles, role words.

These are generic English news vocabulary, not phrases taken from any particular article.
"""

from __future__ import annotations

# Verbs whose object (not a clause) carries the reported words: "hailed the deal as a 'breakthrough'",
# "accused the commission of 'dragging its feet'". Without quotation marks only the accusation
# verbs are kept as indirect speech.
OBJECT_VERBS = {
    "accuse",
    "hail",
    "describe",
    "call",
    "dismiss",
    "brand",
    "label",
    "praise",
    "criticise",
    "criticize",
    "condemn",
    "slam",
    "blast",
    "blame",
    "welcome",
    "characterise",
    "characterize",
    "term",
    "deride",
    "decry",
    "denounce",
    "urge",
}

# Reporting verbs by lemma. Irregular inflections are listed; regular ones are generated.
# The object verbs report too.
REPORTING_LEMMAS = {
    "say",
    "tell",
    "add",
    "warn",
    "recall",
    "vow",
    "joke",
    "insist",
    "argue",
    "note",
    "claim",
    "reply",
    "stress",
    "explain",
    "acknowledge",
    "admit",
    "predict",
    "suggest",
    "write",
    "tweet",
    "announce",
    "confirm",
    "deny",
    "state",
    "declare",
    "assert",
    "maintain",
    "contend",
    "observe",
    "remark",
    "comment",
    "report",
    "reveal",
    "disclose",
    "concede",
    "caution",
    "complain",
    "lament",
    "boast",
    "promise",
    "pledge",
    "threaten",
    "estimate",
    "emphasise",
    "emphasize",
    "underline",
    "reiterate",
    "repeat",
    "respond",
    "retort",
    "answer",
    "counter",
    "conclude",
    "agree",
    "mention",
    "indicate",
    "allege",
    "charge",
    "propose",
    "recommend",
    "demand",
    "ask",
    "testify",
    "shout",
    "exclaim",
    "whisper",
    "quip",
    "muse",
    "reflect",
    "recount",
    "post",
    "assure",
    "concur",
    "forecast",
    "point",
    "elaborate",
    "summarise",
    "summarize",
    "specify",
    "object",
    "protest",
    "plead",
    "signal",
    "speculate",
    "guarantee",
    "swear",
    "reckon",
    "wonder",
    "question",
    "affirm",
    "contest",
    "cite",
    "continue",
    "opine",
    "underscore",
    "inform",
    "reaffirm",
    "clarify",
} | OBJECT_VERBS

IRREGULAR = {
    "say": ("said", "says", "saying", "say"),
    "tell": ("told", "tells", "telling", "tell"),
    "write": ("wrote", "written", "writes", "writing", "write"),
    "swear": ("swore", "sworn", "swears", "swearing", "swear"),
    "forecast": ("forecast", "forecasts", "forecasting", "forecasted"),
}

# ("blamed the weather for the delay" names a cause, not words: it needs quotation marks)
OBJECT_VERBS_NO_QUOTES = {"accuse", "urge"}
# "asked whether ...", "wondered if ...": a question put to someone, not words reported
QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "enquire"}
QUESTION_WORDS = {"whether", "if", "what", "who", "whom", "why", "how", "when", "where", "which"}

# Lemmas that count as a cue only when followed by a particle ("pointed out") or, where given, a
# preposition that introduces what was said ("pointed to the figures").
NEEDS_PARTICLE = {"point": "out"}
PREPOSITION_CUES = {"point": "to", "call": "for", "admit": "to"}

# Verbs whose noun-phrase object is what was said, reported without a clause: "cited rising costs",
# "announced his candidacy", "denied any wrongdoing", "acknowledged the reality of climate change".
NOUN_OBJECT_CUES = {
    "cite",
    "mention",
    "announce",
    "deny",
    "acknowledge",
    "confirm",
    "reveal",
    "disclose",
    "admit",
    "concede",
    "reiterate",
    "predict",
    "promise",
    "pledge",
    "vow",
    "propose",
    "recommend",
    "demand",
    "allege",
    "note",
    "stress",
    "claim",
    "suggest",
    "emphasise",
    "emphasize",
    "report",
    "recall",
    "explain",
    "tweet",
}
# Object verbs that give a verdict in the speaker's words even without quotation marks: "called the
# charges baseless", "described the deal as a mistake".
NAMING_VERBS = {"call", "describe", "characterise", "characterize", "label", "brand", "term"}
# Nouns that report words when a that-clause completes them: "his claim that ...", "the senator's
# warning that ...".
NOMINAL_CUES = {
    "claim",
    "claims",
    "assertion",
    "assertions",
    "warning",
    "warnings",
    "promise",
    "pledge",
    "argument",
    "suggestion",
    "insistence",
    "contention",
    "comment",
    "comments",
    "remark",
    "remarks",
    "allegation",
    "allegations",
    "vow",
    "assurance",
    "assurances",
    "admission",
    "prediction",
    "declaration",
    "accusation",
    "charge",
    "statement",
    "emphasis",
    "boast",
    "denial",
    "pledges",
    "promises",
    "vows",
    "threat",
    "threats",
    "call",
    "calls",
    "demand",
    "demands",
}
# Roles by which news refers back to a person it has named ("the Republican nominee said",
# "Clinton's communications director said").
DESCRIBED_ROLES = {
    "nominee",
    "candidate",
    "frontrunner",
    "front-runner",
    "challenger",
    "incumbent",
    "contender",
    "hopeful",
    "director",
    "manager",
    "chairman",
    "chairwoman",
    "chair",
    "secretary",
    "adviser",
    "advisor",
    "aide",
    "lawyer",
    "attorney",
    "executive",
    "founder",
    "owner",
    "coach",
    "leader",
}
# A person's following that speaks as a body: "the Trump campaign", "the Obama administration".
FOLLOWING_NOUNS = {"campaign", "administration", "camp", "team"}
# What a candidate for office has: "his campaign", "her candidacy", "Okafor's running mate"
CANDIDACY_NOUNS = {"campaign", "candidacy", "mate"}
# What a body publishes, speaking for it when the body is named: "the IMF report stated".
PUBLICATION_NOUNS = {"report", "study", "analysis", "survey", "assessment", "memo", "audit"}
# Nouns that stand for words reported elsewhere: "confirmed the reports", "denied the story".
REPORT_NOUNS = {
    "report",
    "reports",
    "story",
    "stories",
    "account",
    "accounts",
    "rumour",
    "rumours",
    "rumor",
    "rumors",
}
# Nominal cues completed by an infinitive or by "for": "his promise to build a wall", "a call for a ban".
NOMINAL_INFINITIVE_CUES = {"promise", "promises", "pledge", "pledges", "vow", "vows", "threat", "threats"}
NOMINAL_FOR_CUES = {"call", "calls", "demand", "demands"}
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
# Verbs whose infinitive is what was said: "vowed to block the bill", "promised to cut taxes".
INFINITIVE_CUES = {"vow", "pledge", "promise", "threaten", "swear"}
# Verbs that report an instruction or appeal to someone: "told his advisers to find a way", "warned
# officials to boost security", "asked voters to register": the infinitive is what was said.
APPEAL_CUES = {"tell", "ask", "warn", "remind", "advise", "implore", "beg"}
# Cues with an addressee before what was said: "told the leaders that ...", "assured investors that ..."
ADDRESSEE_VERBS = {"tell", "warn", "remind", "assure", "inform", "advise", "convince", "promise", "persuade"}
# Objects that stand for words given elsewhere ("denied it", "confirmed that"): not content.
PRONOUN_OBJECTS = frozenset(
    {"it", "this", "that", "these", "those", "which", "what", "who", "whom"}
    | {"something", "anything", "nothing"}
)

_DOUBLE_FINAL = set("bdgmnprt")


def _inflect(lemma: str) -> set[str]:
    if lemma in IRREGULAR:
        return set(IRREGULAR[lemma])
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma + "s", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "ed", lemma + "es", lemma + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "s", lemma + "ing"}
        # consonant doubling for short CVC verbs: admit -> admitted, quip -> quipped, vow stays vowed
        if (
            len(lemma) >= 3
            and lemma[-1] in _DOUBLE_FINAL
            and lemma[-2] in "aeiou"
            and lemma[-3] not in "aeiou"
            and lemma not in {"answer", "counter", "threaten", "mention", "question", "wonder", "reckon"}
            and not lemma.endswith(("er", "en", "on"))
        ):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


REPORTING_FORMS: dict[str, str] = {}
for _lemma in sorted(REPORTING_LEMMAS):
    for _form in _inflect(_lemma):
        REPORTING_FORMS.setdefault(_form, _lemma)
# "call" is only a cue with an object; "calls" etc. handled by OBJECT_VERBS.

# Honorifics: stripped from names, never a role.
HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",  # (not "baron": "Martin Baron" is a surname)
    "rev",
    "reverend",
    "fr",
    "father",
    "sister",
    "brother",
    "sheikh",
    "ayatollah",
    "mme",
    "m",
    "herr",
    "frau",
    "messrs",
}
GENDER_BY_HONORIFIC = {
    "mr": "m",
    "sir": "m",
    "lord": "m",
    "father": "m",
    "brother": "m",
    "herr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "baroness": "f",
    "sister": "f",
    "mme": "f",
    "frau": "f",
}
# Titles: stripped from names and kept as a role when no other role is stated.
TITLES = {
    "president",
    "vice",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "councillor",
    "councilor",
    "cllr",
    "commissioner",
    "secretary",
    "ambassador",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "general",
    "gen",
    "colonel",
    "col",
    "captain",
    "capt",
    "lieutenant",
    "lt",
    "major",
    "maj",
    "admiral",
    "adm",
    "sergeant",
    "sgt",
    "officer",
    "detective",
    "inspector",
    "superintendent",
    "supt",
    "insp",
    "chief",
    "deputy",
    "archbishop",
    "bishop",
    "cardinal",
    "rabbi",
    "imam",
    "coach",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "mp",
    "mep",
    "speaker",
    "leader",
    "sheikh",
    "emir",
    "sultan",
    "crown",
    "attorney",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "state",
    "first",
    "lady",
    "opposition",
    "former",
    "acting",
    "dpty",
    "spokesman",
    "spokeswoman",
    "spokesperson",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
REL_PRONOUNS = {"who", "that", "which", "whom"}

# Common nouns for unnamed human speakers: "analysts said", "a spokesperson said".
HUMAN_NOUNS = {
    "expert",
    "analyst",
    "official",
    "source",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "critic",
    "resident",
    "witness",
    "observer",
    "diplomat",
    "economist",
    "researcher",
    "scientist",
    "lawyer",
    "campaigner",
    "activist",
    "police",
    "officer",
    "people",
    "person",
    "man",
    "woman",
    "member",
    "representative",
    "insider",
    "aide",
    "adviser",
    "advisor",
    "minister",
    "leader",
    "investor",
    "trader",
    "doctor",
    "teacher",
    "worker",
    "student",
    "parent",
    "voter",
    "executive",
    "manager",
    "employee",
    "authority",
    "prosecutor",
    "investigator",
    "negotiator",
    "commentator",
    "historian",
    "professor",
    "protester",
    "organiser",
    "organizer",
    "supporter",
    "opponent",
    "politician",
    "lawmaker",
    "legislator",
    "governor",
    "mayor",
    "president",
    "chief",
    "director",
    "founder",
    "owner",
    "farmer",
    "victim",
    "survivor",
    "relative",
    "friend",
    "neighbour",
    "neighbor",
    "fan",
    "player",
    "coach",
    "staff",
    "envoy",
    "delegate",
    "mediator",
    "nurse",
    "soldier",
    "shopkeeper",
    "passenger",
    "patient",
    "boss",
}
# Speakers that are several countries or bodies at once, named before or not at all ("the three countries
# said", "the allies warned"): an unnamed source, not a named organisation.
GROUP_NOUNS = {
    "country",
    "nation",
    "ally",
    "capital",
    "government",
    "delegation",
    "signatory",
    "side",
    "power",
    "partner",
}
SPOKES_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople", "statement"}
# "the company said" never means a public body named nearby ("... applied to Westvale Council")
BUSINESS_NOUNS = {
    "company",
    "firm",
    "lender",
    "bank",
    "carmaker",
    "automaker",
    "drugmaker",
    "chipmaker",
    "miner",
    "retailer",
    "insurer",
    "manufacturer",
    "startup",
    "corporation",
    "airline",
    "carrier",
    "brewer",
    "supplier",
    "refiner",
    "exporter",
    "broker",
    "streamer",
    "publisher",
    "supermarket",
    "chain",
    "conglomerate",
    "developer",
    "builder",
}
PUBLIC_BODY_WORDS = {
    "council",
    "ministry",
    "department",
    "agency",
    "government",
    "authority",
    "commission",
    "parliament",
    "court",
    "police",
    "office",
    "senate",
    "assembly",
    "administration",
    "regulator",
}
# last words of place names: "Marlow County" is no person
PLACE_WORDS = {
    "county",
    "city",
    "street",
    "road",
    "avenue",
    "river",
    "island",
    "islands",
    "state",
    "province",
    "region",
    "valley",
    "bay",
    "lake",
    "mountains",
    "park",
    "square",
    "bridge",
    "airport",
    "station",
    "hall",
    "court",
}
# "said in a statement that ...", "wrote in a post that ..."
MEDIUM_NOUNS = {
    "statement",
    "interview",
    "post",
    "posting",
    "tweet",
    "message",
    "note",
    "letter",
    "email",
    "e-mail",
    "release",
    "briefing",
    "speech",
    "video",
    "filing",
    "report",
    "podcast",
    "broadcast",
    "op-ed",
    "column",
    "essay",
    "blog",
}
# "the statement said": the words of whoever issued it (a person or an organisation)
STATEMENT_NOUNS = {"statement", "release", "communique", "letter", "filing", "notice", "announcement"}
# Nouns that name an organisation generically: "the agency said" resolves to a named agency.
ORG_NOUNS = {
    "mission",  # "Iran's mission to the United Nations said"
    "consulate",
    "presidency",  # "the Turkish presidency said": a head of state's office
    "chancellery",
    "secretariat",
    "agency",
    "ministry",
    "department",
    "government",
    "council",
    "company",
    "firm",
    "bank",
    "commission",
    "union",
    "party",
    "committee",
    "authority",
    "office",
    "administration",
    "group",
    "organisation",
    "organization",
    "institute",
    "university",
    "centre",
    "center",
    "court",
    "board",
    "regulator",
    "association",
    "federation",
    "foundation",
    "charity",
    "police",
    "force",
    "army",
    "military",
    "service",
    "airline",
    "club",
    "team",
    "campaign",
    "network",
    "trust",
    "body",
    "watchdog",
    "parliament",
    "senate",
    "embassy",
    "kremlin",
    "operator",
    "carrier",
    "insurer",
    "retailer",
    "manufacturer",
    "startup",
    "corporation",
    "school",
    "college",
    "hospital",
    "coalition",
    "alliance",
    "league",
    "fund",
    "programme",
    "lender",
    "carmaker",
    "automaker",
    "drugmaker",
    "chipmaker",
    "miner",
    "utility",
    "conglomerate",
    "supermarket",
    "chain",
    "streamer",
    "platform",
    "publisher",
    "brewer",
    "supplier",
    "refiner",
    "exporter",
    "broker",
    "exchange",
    "label",
    "band",
    "outlet",
    "newspaper",
    "website",
    "magazine",
    "broadcaster",
    "nonprofit",
}
ORG_NAME_WORDS = {
    "agency",
    "ministry",
    "department",
    "government",
    "council",
    "company",
    "bank",
    "commission",
    "union",
    "party",
    "committee",
    "authority",
    "office",
    "institute",
    "university",
    "centre",
    "center",
    "association",
    "federation",
    "foundation",
    "inc",
    "ltd",
    "plc",
    "corp",
    "group",
    "board",
    "court",
    "endowment",
    "school",
    "college",
    "hospital",
    "service",
    "police",
    "news",
    "times",
    "post",
    "fund",
    "trust",
    "society",
    "league",
    "coalition",
    "alliance",
    "caucus",
    "club",
    "forum",
    "network",
    "corporation",
    "airlines",
    "airways",
    "research",
    "partners",
    "capital",
    "holdings",
    # last words of company names
    "motors",
    "energy",
    "petroleum",
    "oil",
    "gas",
    "pharmaceuticals",
    "pharma",
    "foods",
    "media",
    "telecom",
    "resources",
    "industries",
    "mining",
    "logistics",
    "rail",
    "railways",
    "networks",
    "power",
    "securities",
    "insurance",
    "bancorp",
    "llc",
    "ag",
    "sa",
    "gmbh",
    "records",
    "studios",
    "labs",
    "technologies",
    "systems",
    "kremlin",
}

EXPERT_WORDS = {
    "analyst",
    "researcher",
    "fellow",
    "professor",
    "prof",
    "economist",
    "scientist",
    "expert",
    "scholar",
    "lecturer",
    "academic",
    "historian",
    "specialist",
    "pollster",
    "statistician",
    "climatologist",
    "epidemiologist",
    "virologist",
    "psychologist",
    "sociologist",
    "physicist",
    "biologist",
    "chemist",
    "consultant",
    "demographer",
    "political scientist",
    "director of research",
    "research fellow",
    "financial adviser",
    "financial advisor",
    "think tank",
}
EXPERT_ORG_WORDS = {
    "university",
    "institute",
    "centre",
    "center",
    "endowment",
    "foundation",
    "college",
    "school",
    "council on",
    "research",
    "think tank",
    "studies",
    "institution",
    "observatory",
    "laboratory",
    "lab",
    "academy",
    "policy",
}
OFFICIAL_WORDS = {
    "minister",
    "mayor",
    "governor",
    "councillor",
    "councilor",
    "commissioner",
    "senator",
    "ambassador",
    "chancellor",
    "official",
    "mp",
    "mep",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "representative",
    "premier",
    "king",
    "queen",
    "prince",
    "diplomat",
    "envoy",
    "attorney general",
    "prosecutor",
    "judge",
    "general",
    "admiral",
    "commander",
    "police",
    "military",
    "secretary of state",
    "secretary general",
    "secretary-general",
    "sheriff",
    "head of state",
    "prime minister",
    "chief of staff",
    "press secretary",
    "national security adviser",
    "national security advisor",
    "foreign secretary",
    "emir",
    "sultan",
    "regulator",
    # titles written before a name, as abbreviated in news: "Sen.", "Rep.", "Lt. Gen.", "Del."
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "adm",
    "del",
    "sgt",
    "capt",
    "maj",
    "cmdr",
    "atty",
    # candidates and party people are political actors
    "nominee",
    "candidate",
    "running mate",
    "delegate",
    "aide",
    "staffer",
    "justice",
    "lieutenant",
    "colonel",
    "captain",
    "sergeant",
    "major general",
    "brigadier",
    "marshal",
    "detective",
    "trooper",
    "constable",
    "alderman",
    "councilman",
    "councilwoman",
    "assemblyman",
    "assemblywoman",
    "majority leader",
    "minority leader",
    "whip",
    "campaign",
    "counselor",
    "counsellor",
    "ranking",
}
# Positions that exist in any organisation: what kind of person holds them depends on where
# ("president of the university" is an expert, "president of the union" is not an official).
GENERIC_POSITIONS = {
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "director",
    "head",
    "chief",
    "ceo",
    "executive",
    "founder",
    "co-founder",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "member",
    "adviser",
    "advisor",
    "manager",
    "treasurer",
    "coordinator",
    "secretary",
    "deputy",
    "strategist",
    "associate",
    "officer",
    "partner",
}
# Generic positions that, with no organisation named, are public ones ("the president said",
# "a spokeswoman said" of a government story, "the party leader").
PUBLIC_BY_DEFAULT = {"president", "spokesman", "spokeswoman", "spokesperson", "leader", "secretary"}
# Party names and party adjectives: "Republican Donald Trump", "the Labour leader", "Conservative MP".
PARTY_WORDS = {
    "democrat",
    "democratic",
    "republican",
    "gop",
    "labour",
    "tory",
    "conservative",
    "libdem",
    "socialist",
    "dfl",
}
# Words of an organisation's name that make it a public or political body.
OFFICIAL_BODY_WORDS = {
    "government",
    "presidency",
    "chancellery",
    "secretariat",
    "ministry",
    "department",
    "administration",
    "senate",
    "house",
    "congress",
    "congressional",
    "parliament",
    "assembly",
    "legislature",
    "committee",
    "subcommittee",
    "caucus",
    "party",
    "campaign",
    "cabinet",
    "commission",
    "agency",
    "police",
    "army",
    "navy",
    "air force",
    "marine corps",
    "military",
    "pentagon",
    "kremlin",
    "white house",
    "downing street",
    "court",
    "embassy",
    "council",
    "city of",
    "county",
    "state of",
    "united nations",
    "european union",
    "european commission",
    "nato",
    # bodies of governments together, by their names and their usual initials
    "un",
    "u n",
    "eu",
    "e u",
    "iaea",
    "monetary fund",
    "imf",
    "world bank",
    "world health organization",
    "world trade organization",
    "wto",
    "osce",
    "opec",
    "african union",
    "interpol",
    "bureau",
    "office",
    "service",
    "treasury",
    # a central bank is a public body, whatever "bank" says: "European Central Bank", "Federal Reserve"
    "central bank",
    "reserve",
}
# Words of the name of a business, union, church or campaign group: its people are not officials.
OTHER_ORG_WORDS = {
    "union",
    "workers",
    "coalition",
    "alliance",
    "league",
    "federation",
    "association",
    "church",
    "club",
    "company",
    "inc",
    "llc",
    "ltd",
    "plc",
    "corp",
    "corporation",
    "group",
    "bank",
    "holdings",
    "partners",
    "capital",
    "media",
    "pictures",
    "entertainment",
    "studios",
    "pac",
    "family",
}
# Words of a media organisation's name.
MEDIA_ORG_WORDS = {
    "news",
    "times",
    "post",
    "journal",
    "magazine",
    "tribune",
    "herald",
    "gazette",
    "chronicle",
    "radio",
    "television",
    "tv",
    "broadcasting",
    "press",
    "report",
    "review",
    "daily",
    "weekly",
    "telegraph",
    "guardian",
    "observer",
    "newspaper",
    "network",
}
# Nouns for a relation to someone, not a role: "rival Donald Trump", "his wife, Jane".
RELATION_NOUNS = {
    "rival",
    "opponent",
    "challenger",
    "foe",
    "nemesis",
    "wife",
    "husband",
    "widow",
    "widower",
    "son",
    "daughter",
    "father",
    "mother",
    "brother",
    "sister",
    "uncle",
    "aunt",
    "cousin",
    "nephew",
    "niece",
    "grandson",
    "granddaughter",
    "grandfather",
    "grandmother",
    "friend",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "ally",
    "critic",
    "supporter",
    "fan",
    "admirer",
    "colleague",
    "counterpart",
    "successor",
    "predecessor",
}
JOURNALIST_WORDS = {
    "journalist",
    "moderator",
    "anchorman",
    "anchorwoman",
    "newscaster",
    "blogger",
    "interviewer",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "presenter",
    "anchor",
    "broadcaster",
    "commentator",
    "host",
}

for _form, _lemma in {
    "quipped": "quip",
    "quipping": "quip",
    "labelled": "label",
    "labelling": "label",
    "signalled": "signal",
    "signalling": "signal",
    "agreeing": "agree",
    "guaranteeing": "guarantee",
    "writes": "write",
}.items():
    REPORTING_FORMS[_form] = _lemma

# Common first names, a weak gender signal used only to choose between candidates for he/she.
# A general list; none is taken from the evaluation texts.
FEMALE_FIRST_NAMES = frozenset(
    """
    abigail adriana agnes akiko alexandra alexis alice alicia alison allison amanda amina amy andrea
    angela angelica angelina ann anna anne annette annika antonia april ashley astrid audrey aurelie ava
    barbara beatrice beatriz becky bella bernadette beth bethany betty beverly birgit bonnie brenda
    brittany brooke caitlin camille candace carla carmen carol caroline carolyn cassandra catherine
    cathy cecilia charlene charlotte cheryl chiara chloe christina christine cindy claire claudia
    colleen connie courtney crystal cynthia dana danielle daphne dawn debbie deborah debra denise diana
    diane dolores donna doris dorothy eileen elaine eleanor elena elise elizabeth ella ellen eloise
    emilia emily emma erica erin esther eva evelyn faith fatima fiona florence frances francesca
    gabriela gabrielle gail georgia geraldine gillian gina giulia gloria grace greta gwen hannah harriet
    hazel heather heidi helen helena hilary hillary holly ingrid irene irina iris isabel isabella jackie
    jacqueline jane janet janice jean jeanne jenna jennifer jenny jessica jill joan joanna jocelyn
    johanna josephine joy joyce judith judy julia julie juliet june kara karen katarina kate katherine
    kathleen kathryn kathy katie kayla kelly kim kimberly kristen kristin lara laura lauren leah leila
    lena leslie lillian linda lindsay lindsey lisa lois loretta lori lorraine louise lucia lucy lydia
    lynn madeleine madison margaret margarita maria marianne marie marilyn marion marjorie martha mary
    megan mei melania melanie melinda melissa meredith michelle miriam molly monica monika nadia nancy
    naomi natalia natalie nathalie nicole nina nora norma oksana olga olivia paige pamela patricia paula
    pauline peggy penelope petra phyllis priscilla rachel ramona rebecca regina renee rita roberta rosa
    rose rosemary ruth sabrina sakura sally samantha sandra sara sarah selena shannon sharon sheila
    shirley simone sonia sophia sophie stacy stella stephanie sue susan suzanne svetlana sylvia sylvie
    tamara tanya tara tatiana teresa theresa tiffany tina tracy ursula valerie vanessa vera veronica
    victoria virginia vivian wanda wendy yolanda yuki yulia yvonne zainab
        agnieszka aisha alina amal ana anastasia anke annalena ayesha dalia daria darya ekaterina elvira ewa
    fatemeh giorgia hala hanan hanna hiba huda indira ines iryna kaja katarzyna kateryna katrin ksenia
    larisa layla leyla lina liz lyudmila maja malgorzata mariam marina marta maryam mette nadine narges
    nasrin natalya nirmala noor nour noura olena polina priya rania sabine salma samira sanna segolene
    shirin shreya smriti sofia sushma ulrike valentina yasmin yasmine yekaterina ylva zeinab
    """.split()
)
MALE_FIRST_NAMES = frozenset(
    """
    aaron adam adrian alan albert alex alexander alfred ali allen alvin anders andre andrew andriy andy
    angelo anthony antonio arjun arthur austin barry ben benjamin bernard bernie bill billy bob bobby
    brad bradley brandon brendan brett brian bruce bryan calvin cameron carl carlos chad charles charlie
    chinedu chris christopher chuck clarence claude clifford clint colin craig curtis dale dan daniel
    danny darrell darren david dean dennis derek dick diego don donald doug douglas duane dustin dwight
    earl eddie edgar eduardo edward elijah elliott emeka eric erik ernest eugene evan francis frank
    franklin fred frederick gabriel gary gene george gerald gilbert giovanni glenn gordon graham grant
    greg gregory guy hans harold harry harvey hector henry herbert hiroshi howard hugh ian isaac ivan
    jack jacob jacques jake james jared jason jay jeff jeffrey jeremy jerry jesse jim jimmy joe joel
    joey john johnny jon jonathan jorge jose joseph josh joshua juan julian julius jurgen justin keith
    ken kenneth kenny kevin klaus kofi kwame kyle lamar lance larry lars lawrence leon leonard leroy
    lewis lloyd louis luca lucas luis luke malcolm manuel marco marcus mario mark marshall martin marvin
    matt matthew maurice max melvin michael miguel mike mikhail mitch mitchell mohammed morris muhammad
    mykola nathan neil nelson nicholas nick nikolai noah norman oleksandr oliver omar oscar owen patrick
    paul pavel pedro pete peter phil philip phillip rajesh ralph randall randy ray raymond reggie rex
    richard rick ricky rob robert rod rodney roger roland ron ronald ross roy rudy russell ryan sam
    samuel scott sean sergio seth simon spencer stanley stephen steven stuart takeshi ted terry theodore
    thomas tim timothy toby todd tom tommy tony travis trevor troy tyler vernon victor vincent walter
    warren wayne wei wesley william willie zachary
        abbas abdullah ahmad ahmed aleksei alexei amit andrei andrey anwar bashar boris dmitri dmitry dmytro
    ebrahim emmanuel evgeny fahad faisal ferdinand friedrich gennady hakan hassan hossein hussein igor
    imran ismail javad kamal khalid khalil mahmoud masoud maxim mohammad mohsen nabil narendra olaf
    petro rahul salman sergei sergey tamim valery viktor vitali vitaliy vladimir volodymyr vyacheslav
    walid yahya yevgeny yuri
    """.split()
)

# The states of the United States (and its capital's district): places, which speak through a body whose
# name says so ("Ohio Democratic Party", "Marlow County Council"), never by the place's name alone.
US_STATES = frozenset(
    """
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
    vermont virginia washington wisconsin wyoming
    """.split()
) | frozenset(
    {
        "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
        "rhode island", "south carolina", "south dakota", "west virginia", "district of columbia",
        "puerto rico",
    }
)  # fmt: skip
# A government's portfolios: "Education" alone is a field, cut from "the Department of Education".
PORTFOLIOS = frozenset(
    {
        "education", "agriculture", "defense", "defence", "labor", "commerce", "energy", "transportation",
        "transport", "health", "justice", "interior", "elections", "housing", "veterans", "immigration",
        "finance", "trade",
    }
)  # fmt: skip
# The last words of a law's or a treaty's name: "Harbour Safety Act" is no body.
LAW_WORDS = frozenset({"act", "treaty", "amendment", "accord", "accords", "agreement", "bill", "statute"})
