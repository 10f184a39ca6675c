from core.search.suggestions import fold


def test_fold_ignores_case_and_accents():
    assert fold("São Paulo") == fold("SAO PAULO") == "sao paulo"
    assert fold("Zürich") == "zurich"
    assert fold("Straße") == "strasse"
