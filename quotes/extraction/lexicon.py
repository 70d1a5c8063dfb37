"""Word lists used by the extraction rules: reporting verbs, titles, role words.

These are generic English news vocabulary, not phrases taken from any particular article.
"""

from __future__ import annotations

# Reporting verbs by lemma. Irregular inflections are listed; regular ones are generated.
REPORTING_LEMMAS = {
    "say", "tell", "add", "warn", "accuse", "call", "recall", "vow", "joke", "insist", "argue", "note",
    "claim", "reply", "describe", "hail", "stress", "explain", "acknowledge", "admit", "predict", "urge",
    "suggest", "write", "tweet", "announce", "confirm", "deny", "state", "declare", "assert", "maintain",
    "contend", "observe", "remark", "comment", "report", "reveal", "disclose", "concede", "caution",
    "complain", "lament", "boast", "promise", "pledge", "threaten", "estimate", "emphasise", "emphasize",
    "underline", "reiterate", "repeat", "respond", "retort", "answer", "counter", "conclude", "agree",
    "mention", "indicate", "allege", "charge", "propose", "recommend", "demand", "ask", "testify",
    "shout", "exclaim", "whisper", "quip", "muse", "reflect", "recount", "dismiss", "brand", "label",
    "praise", "criticise", "criticize", "condemn", "slam", "blast", "blame", "welcome", "characterise",
    "characterize", "term", "deride", "decry", "denounce", "post", "write", "assure", "concur", "forecast",
    "point", "elaborate", "summarise", "summarize", "specify", "object", "protest", "plead", "signal",
    "speculate", "guarantee", "swear", "reckon", "wonder", "question", "affirm", "contest",
}

IRREGULAR = {
    "say": ("said", "says", "saying", "say"),
    "tell": ("told", "tells", "telling", "tell"),
    "write": ("wrote", "written", "writes", "writing", "write"),
    "swear": ("swore", "sworn", "swears", "swearing", "swear"),
    "forecast": ("forecast", "forecasts", "forecasting", "forecasted"),
}

# Verbs whose object (not a clause) carries the reported words: "hailed the deal as a 'breakthrough'",
# "accused the commission of 'dragging its feet'". Without quotation marks only the accusation
# verbs are kept as indirect speech.
OBJECT_VERBS = {
    "accuse", "hail", "describe", "call", "dismiss", "brand", "label", "praise", "criticise", "criticize",
    "condemn", "slam", "blast", "blame", "welcome", "characterise", "characterize", "term", "deride",
    "decry", "denounce", "urge",
}
OBJECT_VERBS_NO_QUOTES = {"accuse", "blame", "urge"}

# Lemmas that count as a cue only when followed by a particle ("pointed out").
NEEDS_PARTICLE = {"point": "out"}

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
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev",
    "reverend", "fr", "father", "sister", "brother", "sheikh", "mme", "m", "herr", "frau", "messrs",
}
GENDER_BY_HONORIFIC = {"mr": "m", "sir": "m", "lord": "m", "father": "m", "brother": "m", "herr": "m",
                       "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f", "sister": "f",
                       "mme": "f", "frau": "f"}
# Titles: stripped from names and kept as a role when no other role is stated.
TITLES = {
    "president", "vice", "prime", "minister", "premier", "chancellor", "senator", "sen", "rep",
    "representative", "congressman", "congresswoman", "governor", "gov", "mayor", "councillor", "councilor",
    "commissioner", "secretary", "ambassador", "judge", "justice", "king", "queen", "prince", "princess",
    "pope", "general", "gen", "colonel", "col", "captain", "capt", "lieutenant", "lt", "major", "maj",
    "admiral", "adm", "sergeant", "sgt", "officer", "detective", "inspector", "superintendent", "chief",
    "deputy", "archbishop", "bishop", "cardinal", "rabbi", "imam", "coach", "chairman", "chairwoman",
    "chair", "director", "mp", "mep", "speaker", "leader", "sheikh", "emir", "sultan", "crown",
    "attorney", "foreign", "defence", "defense", "interior", "finance", "health", "state", "first", "lady",
    "opposition", "former", "acting", "dpty", "spokesman", "spokeswoman", "spokesperson",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
REL_PRONOUNS = {"who", "that", "which", "whom"}

# Common nouns for unnamed human speakers: "analysts said", "a spokesperson said".
HUMAN_NOUNS = {
    "expert", "analyst", "official", "source", "spokesperson", "spokesman", "spokeswoman", "critic",
    "resident", "witness", "observer", "diplomat", "economist", "researcher", "scientist", "lawyer",
    "campaigner", "activist", "police", "officer", "people", "person", "man", "woman", "member",
    "representative", "insider", "aide", "adviser", "advisor", "minister", "leader", "investor", "trader",
    "doctor", "teacher", "worker", "student", "parent", "voter", "executive", "manager", "employee",
    "authority", "prosecutor", "investigator", "negotiator", "commentator", "historian", "professor",
    "protester", "organiser", "organizer", "supporter", "opponent", "politician", "lawmaker", "legislator",
    "governor", "mayor", "president", "chief", "director", "founder", "owner", "farmer", "victim",
    "survivor", "relative", "friend", "neighbour", "neighbor", "fan", "player", "coach", "staff",
}
SPOKES_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople", "statement"}
# Nouns that name an organisation generically: "the agency said" resolves to a named agency.
ORG_NOUNS = {
    "agency", "ministry", "department", "government", "council", "company", "firm", "bank", "commission",
    "union", "party", "committee", "authority", "office", "administration", "group", "organisation",
    "organization", "institute", "university", "centre", "center", "court", "board", "regulator",
    "association", "federation", "foundation", "charity", "police", "force", "army", "military", "service",
    "airline", "club", "team", "campaign", "network", "trust", "body", "watchdog", "parliament", "senate",
    "embassy", "kremlin", "court", "operator", "carrier", "insurer", "retailer", "manufacturer", "startup",
    "corporation", "school", "college", "hospital", "coalition", "alliance", "league", "fund", "programme",
}
ORG_NAME_WORDS = {
    "agency", "ministry", "department", "government", "council", "company", "bank", "commission", "union",
    "party", "committee", "authority", "office", "institute", "university", "centre", "center",
    "association", "federation", "foundation", "inc", "ltd", "plc", "corp", "group", "board", "court",
    "endowment", "school", "college", "hospital", "service", "police", "news", "times", "post", "fund",
    "trust", "society", "league", "club", "council", "forum", "network", "corporation", "airlines",
    "airways", "research", "partners", "capital", "holdings", "technologies", "systems", "kremlin",
}

EXPERT_WORDS = {
    "analyst", "researcher", "fellow", "professor", "prof", "economist", "scientist", "expert", "scholar",
    "lecturer", "academic", "historian", "strategist", "specialist", "climatologist", "epidemiologist",
    "virologist", "psychologist", "sociologist", "physicist", "biologist", "chemist", "consultant",
    "demographer", "political scientist", "associate", "director of research", "research",
}
EXPERT_ORG_WORDS = {
    "university", "institute", "centre", "center", "endowment", "foundation", "college", "school",
    "council on", "research", "think tank", "studies", "institution", "observatory", "laboratory", "lab",
    "academy", "policy",
}
OFFICIAL_WORDS = {
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "spokespeople",
    "mayor", "governor", "councillor", "councilor", "commissioner", "senator", "ambassador", "chancellor",
    "official", "mp", "mep", "lawmaker", "legislator", "congressman", "congresswoman", "representative",
    "premier", "king", "queen", "prince", "diplomat", "envoy", "attorney general", "prosecutor", "judge",
    "general", "admiral", "commander", "police", "sheriff", "head of state", "prime minister", "deputy",
    "chief of staff", "press secretary", "emir", "sultan", "leader", "regulator", "officer",
}
JOURNALIST_WORDS = {
    "journalist", "reporter", "correspondent", "editor", "columnist", "presenter", "anchor", "broadcaster",
    "commentator", "host",
}

for _form, _lemma in {
    "quipped": "quip", "quipping": "quip", "labelled": "label", "labelling": "label", "signalled": "signal",
    "signalling": "signal", "agreeing": "agree", "guaranteeing": "guarantee", "writes": "write",
}.items():
    REPORTING_FORMS[_form] = _lemma
