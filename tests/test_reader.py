import io
import json

from lagebild.doc import ArticleDate
from lagebild.reader import ReadError, parse_text_article, read_paths


def test_header_with_title_on_date_line():
    a = parse_text_article(" date 2017-11 Lage in Syrien\n\nDie Armee ...", "x")
    assert a.date == ArticleDate(2017, 11)
    assert a.text.startswith("Lage in Syrien")
    assert a.title == "Lage in Syrien"


def test_header_alone_and_precisions():
    a = parse_text_article("date 2024-04-06\nTitel\n\nText.", "x")
    assert a.date == ArticleDate(2024, 4, 6) and a.text == "Titel\n\nText."
    assert parse_text_article("date 2015 Text.", "x").date == ArticleDate(2015)
    unknown = parse_text_article("  date unknown Text hier.", "x")
    assert unknown.date is None and unknown.text == "Text hier."


def _errors(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return [x for x in read_paths([str(p)]) if isinstance(x, ReadError)]


def test_bad_files_name_file_and_reason(tmp_path):
    cases = {
        "latin1.txt": ("date 2024-01-01 Angriff auf D\xfcsseldorf".encode("latin-1"), "not UTF-8"),
        "binary.txt": (b"\x00\x01\x02date", "binary"),
        "empty.txt": (b"   \n", "empty"),
        "nohead.txt": (b"Die Armee griff an.", "no `date` header"),
        "baddate.txt": (b"date 2024-13-45 Text", "unparsable date"),
        "word.txt": (b"date gestern Text", "unparsable date"),
    }
    for name, (data, reason) in cases.items():
        errs = _errors(tmp_path, name, data)
        assert len(errs) == 1, name
        assert name in str(errs[0]) and reason in str(errs[0]), str(errs[0])


def test_batch_goes_on_after_bad_file(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-01-01 Erster Text.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"kein header")
    (tmp_path / "c.txt").write_text("date 2024-01-02 Dritter Text.", encoding="utf-8")
    items = list(read_paths([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article"]
    assert [i.id for i in items if not isinstance(i, ReadError)] == ["a", "c"]


def test_glob_and_missing(tmp_path):
    (tmp_path / "x1.txt").write_text("date 2024 A.", encoding="utf-8")
    (tmp_path / "x2.txt").write_text("date 2024 B.", encoding="utf-8")
    assert [a.id for a in read_paths([str(tmp_path / "x*.txt")])] == ["x1", "x2"]
    (missing,) = list(read_paths([str(tmp_path / "nope.txt")]))
    assert isinstance(missing, ReadError) and "no such file" in missing.reason


def test_jsonl_articles_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "date": "2024-05-10", "text": "Text eins.", "title": "T", "source": "s", "url": "u"}),
        json.dumps({"id": "a2", "date": None, "text": "Text zwei."}),
        "{kaputt",
        json.dumps({"id": "a3", "date": "10.05.2024", "text": "x"}),
    ]
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_paths([str(p)]))
    assert items[0].id == "a1" and items[0].date == ArticleDate(2024, 5, 10) and items[0].source == "s"
    assert items[1].date is None
    assert isinstance(items[2], ReadError) and "line 3" in items[2].reason
    assert isinstance(items[3], ReadError) and "unparsable date" in items[3].reason


def test_stdin_text():
    stream = io.BytesIO(b"date 2024-02-03 Ein Text aus der Pipe.")
    (a,) = list(read_paths(["-"], stdin=stream))
    assert a.text == "Ein Text aus der Pipe." and a.date == ArticleDate(2024, 2, 3)


def test_html_page(tmp_path):
    body = " ".join(
        ["Bei einem Luftangriff auf die Stadt Idlib wurden am Montag mindestens fünf Menschen getötet."] * 4
    )
    html = f"""<!DOCTYPE html><html><head><title>Luftangriff auf Idlib</title>
    <meta property="article:published_time" content="2023-11-14T10:00:00Z"></head>
    <body><nav>Menü Startseite</nav><article><h1>Luftangriff auf Idlib</h1><p>{body}</p>
    <p>{body}</p></article><footer>Impressum</footer></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    (a,) = list(read_paths([str(p)]))
    assert a.id == "page"
    assert a.date == ArticleDate(2023, 11, 14)
    assert "Luftangriff auf die Stadt Idlib" in a.text
    assert "Impressum" not in a.text


def test_jsonl_is_read_line_by_line_and_a_bad_line_spoils_only_itself(tmp_path):
    good = [json.dumps({"id": f"a{i}", "date": "2024-05-10", "text": f"Text {i}."}) for i in range(3)]
    p = tmp_path / "c.jsonl"
    latin1 = '{"id": "b", "date": "2024-05-10", "text": "D\xfcsseldorf"}'.encode("latin-1")
    p.write_bytes(b"\xef\xbb\xbf" + good[0].encode() + b"\n" + latin1 + b"\n\n" + "\n".join(good[1:]).encode())
    items = list(read_paths([str(p)]))
    assert [getattr(i, "id", None) for i in items] == ["a0", None, "a1", "a2"]
    assert "line 2" in items[1].reason and "not UTF-8" in items[1].reason
    (binary,) = list(read_paths([str(_write(tmp_path / "b.jsonl", b'{"id": "x"\x00}'))]))
    assert isinstance(binary, ReadError) and "binary" in binary.reason


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
