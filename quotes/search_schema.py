"""The database objects that keep the quotation search index, one set per database engine.

The index is kept by the database itself (triggers), so every write reaches it — the storage service, the
admin, a bulk update, a manual SQL fix. The migration ``0002_quote_search`` creates these objects, and
``ensure_search_index`` (run after every ``migrate``) re-creates the SQLite triggers should a later
migration remake ``quotes_quote``: SQLite alters a table by copying it, and the copy loses its triggers.

The indexed document is the quotation text plus the speaker's name (a person's or an organisation's, which
live in other tables), so "Gabuev China" finds what Gabuev said about China.

The database also copies each article's publication date onto its quotations (``Quote.published_at``),
with an index for newest first: a search filtered by year, or sorted by date, then reads the quotation
table alone, and PostgreSQL can intersect the year with the words in its indexes (a bitmap AND) instead
of visiting every quotation of every article of that year.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

# Private-use characters that mark a highlighted match in what the database returns. They are stripped from
# the quotation text before highlighting, so every one of them in the result is the database's own marker.
HIGHLIGHT_START = "\ue000"
HIGHLIGHT_STOP = "\ue001"

SQLITE_FTS_TABLE = "quotes_quote_fts"

# The speaker's name for a quotation row: its person, else the organisation speaking as such.
_SQLITE_SPEAKER_NAME = """coalesce(
    (SELECT name FROM quotes_person WHERE id = new.speaker_person_id),
    (SELECT name FROM quotes_organisation WHERE id = new.speaker_organisation_id),
    '')"""
_SQLITE_CLEAN_TEXT = "replace(replace(new.text, char(57344), ''), char(57345), '')"

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS quotes_quote_fts_insert AFTER INSERT ON quotes_quote BEGIN
        INSERT INTO {SQLITE_FTS_TABLE}(rowid, text, speaker)
        VALUES (new.id, {_SQLITE_CLEAN_TEXT}, {_SQLITE_SPEAKER_NAME});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS quotes_quote_fts_update AFTER UPDATE ON quotes_quote
    WHEN old.text IS NOT new.text
        OR old.speaker_person_id IS NOT new.speaker_person_id
        OR old.speaker_organisation_id IS NOT new.speaker_organisation_id
        OR old.id IS NOT new.id
    BEGIN
        DELETE FROM {SQLITE_FTS_TABLE} WHERE rowid = old.id;
        INSERT INTO {SQLITE_FTS_TABLE}(rowid, text, speaker)
        VALUES (new.id, {_SQLITE_CLEAN_TEXT}, {_SQLITE_SPEAKER_NAME});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS quotes_quote_fts_delete AFTER DELETE ON quotes_quote BEGIN
        DELETE FROM {SQLITE_FTS_TABLE} WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS quotes_person_fts_rename AFTER UPDATE OF name ON quotes_person
    WHEN old.name IS NOT new.name BEGIN
        UPDATE {SQLITE_FTS_TABLE} SET speaker = new.name
        WHERE rowid IN (SELECT id FROM quotes_quote WHERE speaker_person_id = new.id);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS quotes_organisation_fts_rename
    AFTER UPDATE OF name ON quotes_organisation WHEN old.name IS NOT new.name BEGIN
        UPDATE {SQLITE_FTS_TABLE} SET speaker = new.name
        WHERE rowid IN (
            SELECT id FROM quotes_quote
            WHERE speaker_organisation_id = new.id AND speaker_person_id IS NULL
        );
    END""",
]
SQLITE_TRIGGER_NAMES = [
    "quotes_quote_fts_insert",
    "quotes_quote_fts_update",
    "quotes_quote_fts_delete",
    "quotes_person_fts_rename",
    "quotes_organisation_fts_rename",
]

SQLITE_REBUILD = [
    f"DELETE FROM {SQLITE_FTS_TABLE}",
    f"""INSERT INTO {SQLITE_FTS_TABLE}(rowid, text, speaker)
    SELECT q.id, replace(replace(q.text, char(57344), ''), char(57345), ''),
           coalesce(p.name, o.name, '')
    FROM quotes_quote q
    LEFT JOIN quotes_person p ON p.id = q.speaker_person_id
    LEFT JOIN quotes_organisation o ON o.id = q.speaker_organisation_id""",
]

SQLITE_FORWARD = [
    # Porter stemming over unicode61 words, accents folded: "sanctions" finds "sanctioned".
    f"""CREATE VIRTUAL TABLE {SQLITE_FTS_TABLE} USING fts5(
        text, speaker, tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    *SQLITE_TRIGGERS,
    *SQLITE_REBUILD,
]
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGER_NAMES),
    f"DROP TABLE IF EXISTS {SQLITE_FTS_TABLE}",
]

# PostgreSQL keeps a tsvector column that Django does not manage: a GeneratedField cannot serve, since the
# same model runs on SQLite (no to_tsvector) and a generated column cannot read the speaker's name from
# another table. Triggers keep it instead. Text weighs A, the speaker's name B; both use the English
# configuration so a query stems the same way the document did.
POSTGRESQL_FORWARD = [
    "ALTER TABLE quotes_quote ADD COLUMN search_vector tsvector",
    """CREATE FUNCTION quotes_quote_search_vector(quote_text text, person_id bigint, organisation_id bigint)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english'::regconfig, coalesce(quote_text, '')), 'A')
            || setweight(to_tsvector('english'::regconfig, coalesce(
                (SELECT name FROM quotes_person WHERE id = person_id),
                (SELECT name FROM quotes_organisation WHERE id = organisation_id),
                '')), 'B')
    $$""",
    """CREATE FUNCTION quotes_quote_search_vector_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.search_vector := quotes_quote_search_vector(
            NEW.text, NEW.speaker_person_id, NEW.speaker_organisation_id);
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER quotes_quote_search_insert BEFORE INSERT ON quotes_quote
    FOR EACH ROW EXECUTE FUNCTION quotes_quote_search_vector_trigger()""",
    """CREATE TRIGGER quotes_quote_search_update BEFORE UPDATE ON quotes_quote
    FOR EACH ROW WHEN (
        OLD.text IS DISTINCT FROM NEW.text
        OR OLD.speaker_person_id IS DISTINCT FROM NEW.speaker_person_id
        OR OLD.speaker_organisation_id IS DISTINCT FROM NEW.speaker_organisation_id
        OR NEW.search_vector IS NULL
    ) EXECUTE FUNCTION quotes_quote_search_vector_trigger()""",
    """CREATE FUNCTION quotes_speaker_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = 'quotes_person' THEN
            UPDATE quotes_quote SET search_vector = quotes_quote_search_vector(
                text, speaker_person_id, speaker_organisation_id)
            WHERE speaker_person_id = NEW.id;
        ELSE
            UPDATE quotes_quote SET search_vector = quotes_quote_search_vector(
                text, speaker_person_id, speaker_organisation_id)
            WHERE speaker_organisation_id = NEW.id AND speaker_person_id IS NULL;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER quotes_person_search_rename AFTER UPDATE OF name ON quotes_person
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION quotes_speaker_renamed()""",
    """CREATE TRIGGER quotes_organisation_search_rename AFTER UPDATE OF name ON quotes_organisation
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION quotes_speaker_renamed()""",
    """UPDATE quotes_quote SET search_vector = quotes_quote_search_vector(
        text, speaker_person_id, speaker_organisation_id)""",
    "CREATE INDEX quote_search_vector_idx ON quotes_quote USING gin (search_vector)",
    # Trigram indexes: people and organisations found by name despite typos ("Gabuyev").
    "CREATE INDEX person_name_trgm_idx ON quotes_person USING gin (name gin_trgm_ops)",
    "CREATE INDEX person_alias_name_trgm_idx ON quotes_personalias USING gin (name gin_trgm_ops)",
    "CREATE INDEX organisation_name_trgm_idx ON quotes_organisation USING gin (name gin_trgm_ops)",
    "CREATE INDEX organisation_alias_name_trgm_idx ON quotes_organisationalias USING gin (name gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS organisation_alias_name_trgm_idx",
    "DROP INDEX IF EXISTS organisation_name_trgm_idx",
    "DROP INDEX IF EXISTS person_alias_name_trgm_idx",
    "DROP INDEX IF EXISTS person_name_trgm_idx",
    "DROP TRIGGER IF EXISTS quotes_organisation_search_rename ON quotes_organisation",
    "DROP TRIGGER IF EXISTS quotes_person_search_rename ON quotes_person",
    "DROP FUNCTION IF EXISTS quotes_speaker_renamed()",
    "DROP TRIGGER IF EXISTS quotes_quote_search_update ON quotes_quote",
    "DROP TRIGGER IF EXISTS quotes_quote_search_insert ON quotes_quote",
    "DROP FUNCTION IF EXISTS quotes_quote_search_vector_trigger()",
    "DROP FUNCTION IF EXISTS quotes_quote_search_vector(text, bigint, bigint)",
    "ALTER TABLE quotes_quote DROP COLUMN IF EXISTS search_vector",
]

FORWARD = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}
BACKWARD = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}

# -- the publication date copied onto quotations -----------------------------------------------------------

_SQLITE_ARTICLE_DATE = "(SELECT published_at FROM articles_article WHERE id = new.article_id)"
# The storage service writes the date with the quotation, so these triggers write only to correct it.
SQLITE_PUBLISHED_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS quotes_quote_published_insert AFTER INSERT ON quotes_quote
    WHEN new.published_at IS NOT {_SQLITE_ARTICLE_DATE} BEGIN
        UPDATE quotes_quote SET published_at = {_SQLITE_ARTICLE_DATE} WHERE id = new.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS quotes_quote_published_update
    AFTER UPDATE OF article_id, published_at ON quotes_quote
    WHEN new.published_at IS NOT {_SQLITE_ARTICLE_DATE} BEGIN
        UPDATE quotes_quote SET published_at = {_SQLITE_ARTICLE_DATE} WHERE id = new.id;
    END""",
    """CREATE TRIGGER IF NOT EXISTS quotes_article_published_update
    AFTER UPDATE OF published_at ON articles_article WHEN old.published_at IS NOT new.published_at BEGIN
        UPDATE quotes_quote SET published_at = new.published_at WHERE article_id = new.id;
    END""",
]
SQLITE_PUBLISHED_TRIGGER_NAMES = [
    "quotes_quote_published_insert",
    "quotes_quote_published_update",
    "quotes_article_published_update",
]
# SQLite walks it backwards for newest first (its descending order already puts undated last).
SQLITE_PUBLISHED_INDEX = "CREATE INDEX IF NOT EXISTS quote_published_idx ON quotes_quote (published_at, id)"
PUBLISHED_BACKFILL = """UPDATE quotes_quote SET published_at = (
    SELECT published_at FROM articles_article WHERE articles_article.id = quotes_quote.article_id)"""

POSTGRESQL_PUBLISHED_FORWARD = [
    """CREATE FUNCTION quotes_quote_published_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.published_at := (SELECT published_at FROM articles_article WHERE id = NEW.article_id);
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER quotes_quote_published_at BEFORE INSERT OR UPDATE OF article_id, published_at
    ON quotes_quote FOR EACH ROW EXECUTE FUNCTION quotes_quote_published_at()""",
    """CREATE FUNCTION quotes_article_published_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE quotes_quote SET published_at = NEW.published_at WHERE article_id = NEW.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER quotes_article_published_at AFTER UPDATE OF published_at ON articles_article
    FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION quotes_article_published_at()""",
    PUBLISHED_BACKFILL,
    # Newest first is descending with undated last; a backward walk of an ascending index would put
    # them first, so the index is declared in that order.
    "CREATE INDEX quote_published_idx ON quotes_quote (published_at DESC NULLS LAST, id DESC)",
]
POSTGRESQL_PUBLISHED_BACKWARD = [
    "DROP INDEX IF EXISTS quote_published_idx",
    "DROP TRIGGER IF EXISTS quotes_article_published_at ON articles_article",
    "DROP FUNCTION IF EXISTS quotes_article_published_at()",
    "DROP TRIGGER IF EXISTS quotes_quote_published_at ON quotes_quote",
    "DROP FUNCTION IF EXISTS quotes_quote_published_at()",
]
PUBLISHED_FORWARD = {
    "sqlite": [*SQLITE_PUBLISHED_TRIGGERS, PUBLISHED_BACKFILL, SQLITE_PUBLISHED_INDEX],
    "postgresql": POSTGRESQL_PUBLISHED_FORWARD,
}
PUBLISHED_BACKWARD = {
    "sqlite": [
        "DROP INDEX IF EXISTS quote_published_idx",
        *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_PUBLISHED_TRIGGER_NAMES),
    ],
    "postgresql": POSTGRESQL_PUBLISHED_BACKWARD,
}


def ensure_search_index(connection: BaseDatabaseWrapper) -> bool:
    """Re-create SQLite's search triggers, and the publication date's triggers and index, if a table
    remake dropped them, and refill what they keep then.

    Returns whether anything was repaired. PostgreSQL alters tables in place, so its triggers stay.
    """
    if connection.vendor != "sqlite":
        return False
    repaired = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index')")
        present = {row[0] for row in cursor.fetchall()}
        if SQLITE_FTS_TABLE in present and not set(SQLITE_TRIGGER_NAMES) <= present:
            for statement in [*SQLITE_TRIGGERS, *SQLITE_REBUILD]:
                cursor.execute(statement)
            repaired = True
        cursor.execute("SELECT name FROM pragma_table_info('quotes_quote') WHERE name = 'published_at'")
        has_published_column = cursor.fetchone() is not None  # once its migration has run
        published = {*SQLITE_PUBLISHED_TRIGGER_NAMES, "quote_published_idx"}
        if has_published_column and not published <= present:
            for statement in PUBLISHED_FORWARD["sqlite"]:
                cursor.execute(statement)
            repaired = True
    return repaired
