"""make readability: the survivor explainers meet their targets, measured on running sentences only."""

from ecmguide.editions.project import Project
from ecmguide.tools import readability

from conftest import REPO, TODAY


def test_every_explainer_meets_the_targets_in_both_languages():
    project = Project(REPO, TODAY)
    editions = [project.edition(c) for c in project.edition_codes()]
    table, ok = readability.report(editions)
    assert ok, table
    assert len(table.splitlines()) == 4 + len(editions)


def test_the_measure_can_fail_on_legal_prose():
    legal = (
        "Notwithstanding any other provision, personally identifying information concerning victims shall not be "
        "disclosed absent informed, written, reasonably time-limited consent, statutory compulsion, or court mandate."
    )
    assert not readability.passes(readability.score(legal, "en"), "en")
    legal_es = (
        "No obstante cualquier otra disposición, la información personalmente identificable relativa a las "
        "víctimas no será divulgada sin consentimiento informado, escrito y limitado temporalmente."
    )
    assert not readability.passes(readability.score(legal_es, "es"), "es")


def test_spanish_scores_correct_textstats_syllable_undercount():
    check = readability.spanish_syllable_check()
    assert check.hand == 145  # the hand count of the passage in ecmguide/data/spanish-syllables.yml
    assert check.textstat < check.hand and check.ratio > 1  # textstat misses vowel-initial and hiatus syllables
    text = "Si creo que alguien le hace daño a un niño, debo avisar."
    import textstat

    textstat.set_lang("es")
    assert readability.score(text, "es", check) < textstat.fernandez_huerta(text)  # the correction only makes it harder
