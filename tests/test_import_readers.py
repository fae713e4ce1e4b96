"""Reading an uploaded file into rows: CSV in its encodings and delimiters, XLSX, JSON."""

import csv
import io
import json
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

from samskap.imports.readers import MISSING, UnreadableFile, read_table

NORWEGIAN = "Kåre Ødegård;Seksjon for bærekraft og miljø;Æsj"


def rows(table) -> list:
    return list(table.rows())


def unreadable(content: bytes, filename: str | None = None) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_table(content, filename)
    return caught.value


def xlsx(*lines: list, title: str = "Ark1", more_sheets: int = 0) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for line in lines:
        sheet.append(line)
    for number in range(more_sheets):
        workbook.create_sheet(f"Ark{number + 2}").append(["annet", "ark"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class TestCsvEncodings:
    TEXT = f"navn;enhet;merknad\r\n{NORWEGIAN}\r\n"

    def test_utf8_without_bom(self):
        table = read_table(self.TEXT.encode("utf-8"), "people.csv")
        assert table.format == "csv"
        assert table.columns == ["navn", "enhet", "merknad"]
        assert rows(table) == [(2, NORWEGIAN.split(";"))]

    def test_utf8_with_bom_leaves_no_bom_in_the_first_column(self):
        table = read_table(b"\xef\xbb\xbf" + self.TEXT.encode("utf-8"), "people.csv")
        assert table.columns[0] == "navn"
        assert rows(table) == [(2, NORWEGIAN.split(";"))]

    def test_windows_1252_as_excel_in_norway_writes_it_round_trips(self):
        content = self.TEXT.encode("cp1252")
        assert "ø".encode("cp1252") in content and b"\xc3" not in content  # one byte a letter
        table = read_table(content, "people.csv")
        assert rows(table) == [(2, NORWEGIAN.split(";"))]
        again = ";".join(table.columns) + "\r\n" + ";".join(rows(table)[0][1]) + "\r\n"
        assert again.encode("cp1252") == content

    def test_utf16_with_bom_as_excel_saves_unicode_text(self):
        table = read_table(self.TEXT.replace(";", "\t").encode("utf-16"), "people.txt")
        assert rows(table) == [(2, NORWEGIAN.split(";"))]

    def test_bytes_that_are_neither_utf8_nor_windows_1252(self):
        error = unreadable("navn\r\nK\x81re\r\n".encode("latin-1"))
        assert error.code == "unreadable_file"
        assert "Windows-1252" in error.detail

    def test_a_utf8_bom_before_invalid_utf8(self):
        assert unreadable(b"\xef\xbb\xbfnavn\r\nK\xe5re\r\n").code == "unreadable_file"


class TestCsvDelimiters:
    @pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
    def test_found_from_the_header(self, delimiter):
        text = delimiter.join(["name", "email", "title"]) + "\n"
        text += delimiter.join(["Kari Nordmann", "kari@example.no", "Rådgiver"]) + "\n"
        table = read_table(text.encode())
        assert table.columns == ["name", "email", "title"]
        assert rows(table) == [(2, ["Kari Nordmann", "kari@example.no", "Rådgiver"])]

    def test_a_delimiter_inside_quotes_does_not_count(self):
        text = '"Navn, fullt";"E-post, jobb"\n"Nordmann, Kari";kari@example.no\n'
        table = read_table(text.encode())
        assert table.columns == ["Navn, fullt", "E-post, jobb"]
        assert rows(table) == [(2, ["Nordmann, Kari", "kari@example.no"])]

    def test_a_single_column(self):
        table = read_table(b"name\nKari\nOla\n")
        assert table.columns == ["name"]
        assert rows(table) == [(2, ["Kari"]), (3, ["Ola"])]

    def test_sep_line_as_excel_writes_it_is_not_a_row(self):
        table = read_table(b"sep=|\nname|title\nKari, Nordmann|Leder\n")
        assert table.columns == ["name", "title"]
        assert rows(table) == [(2, ["Kari, Nordmann", "Leder"])]


class TestCsvRows:
    def test_quoted_newlines_stay_in_the_cell_and_rows_keep_their_numbers(self):
        text = 'name,statements\r\nKari,"Første linje\r\nandre linje"\r\nOla,"a ""sitat"""\r\n'
        table = read_table(text.encode())
        assert rows(table) == [
            (2, ["Kari", "Første linje\r\nandre linje"]),
            (3, ["Ola", 'a "sitat"']),
        ]

    def test_empty_rows_are_skipped_but_keep_their_numbers(self):
        text = "name;title\n\nKari;Leder\n;\n\nOla;\n"
        table = read_table(text.encode())
        assert table.total == 2
        assert rows(table) == [(3, ["Kari", "Leder"]), (6, ["Ola", ""])]

    def test_blank_lines_before_the_header(self):
        table = read_table(b"\n\nname\nKari\n")
        assert table.columns == ["name"]
        assert rows(table) == [(4, ["Kari"])]

    def test_short_rows_are_padded_and_empty_trailing_cells_dropped(self):
        table = read_table(b"a;b;c;;\n1\n1;2;3;;;\n")
        assert table.columns == ["a", "b", "c"]
        assert rows(table) == [(2, ["1", "", ""]), (3, ["1", "2", "3"])]

    def test_a_value_in_a_column_without_a_name(self):
        error = unreadable(b"a;b\n1;2\n1;2;3\n")
        assert error.code == "unreadable_file"
        assert "Row 3" in error.detail

    def test_rows_can_be_read_more_than_once(self):
        table = read_table(b"a,b\n1,2\n3,4\n")
        assert rows(table) == rows(table) == [(2, ["1", "2"]), (3, ["3", "4"])]

    def test_the_extension_is_only_a_hint(self):
        table = read_table(b"name\nKari\n", "people.xlsx", "application/json")
        assert table.format == "csv"

    def test_100000_rows_of_8_columns_in_cp1252_are_all_read(self):
        header = "navn;e-post;tittel;enhet;kommunenummer;tilknytning;fagforening;ekstern_id"
        lines = [header] + [
            f'Kåre Ødegård {i};k{i}@example.no;Rådgiver;"Oppvekst; skole";3020;employee;;hr-{i}'
            for i in range(100_000)
        ]
        content = "\r\n".join(lines).encode("cp1252")
        table = read_table(content, "people.csv")
        count, last = 0, None
        for row in table.rows():
            count, last = count + 1, row
        assert (table.total, count) == (100_000, 100_000)
        assert last == (
            100_001,
            [
                f"Kåre Ødegård {99_999}",
                "k99999@example.no",
                "Rådgiver",
                "Oppvekst; skole",
                "3020",
                "employee",
                "",
                "hr-99999",
            ],
        )


class TestXlsx:
    def test_strings_numbers_dates_and_booleans(self):
        content = xlsx(
            ["name", "allocation_percent", "share", "starts_on", "due_at", "concerns_nav"],
            ["Kari Nordmann", 60, 0.5, date(2017, 10, 1), datetime(2018, 9, 20, 12, 0), True],
            ["Ola Nordmann", None, None, None, None, False],
        )
        table = read_table(content, "people.xlsx")
        assert table.format == "xlsx"
        assert table.total == 2
        assert table.columns == [
            "name",
            "allocation_percent",
            "share",
            "starts_on",
            "due_at",
            "concerns_nav",
        ]
        first, second = rows(table)
        assert first == (
            2,
            ["Kari Nordmann", 60, 0.5, date(2017, 10, 1), datetime(2018, 9, 20, 12, 0), True],
        )
        assert type(first[1][1]) is int
        assert second == (3, ["Ola Nordmann", None, None, None, None, False])

    def test_text_that_looks_like_a_number_stays_text(self):
        table = read_table(xlsx(["municipality_number"], ["0213"]))
        assert rows(table) == [(2, ["0213"])]

    def test_empty_rows_are_skipped_but_keep_their_numbers(self):
        table = read_table(xlsx(["name", "title"], [], ["Kari", "Leder"], [None, None], ["Ola"]))
        assert rows(table) == [(3, ["Kari", "Leder"]), (5, ["Ola", None])]

    def test_rows_and_columns_before_the_header_keep_spreadsheet_numbers(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet["A3"], sheet["B3"] = "name", "title"
        sheet["A4"], sheet["B4"] = "Kari", "Leder"
        sheet["D9"] = None
        buffer = io.BytesIO()
        workbook.save(buffer)
        table = read_table(buffer.getvalue())
        assert table.columns == ["name", "title"]
        assert rows(table) == [(4, ["Kari", "Leder"])]

    def test_trailing_empty_columns_are_dropped(self):
        table = read_table(xlsx(["name", None, None], ["Kari", None, None]))
        assert table.columns == ["name"]
        assert rows(table) == [(2, ["Kari"])]

    def test_only_the_first_worksheet_is_read(self):
        table = read_table(xlsx(["name"], ["Kari"], more_sheets=2))
        assert table.columns == ["name"]
        assert table.total == 1

    def test_the_content_wins_over_a_csv_name(self):
        assert read_table(xlsx(["name"], ["Kari"]), "people.csv").format == "xlsx"

    def test_a_value_under_no_header(self):
        error = unreadable(xlsx(["name"], ["Kari", "Leder"]))
        assert (error.code, "Row 2" in error.detail) == ("unreadable_file", True)


class TestJson:
    def test_an_array_of_objects_with_keys_in_order_of_first_appearance(self):
        items = [
            {"name": "Kari Nordmann", "allocation_percent": 60},
            {"name": "Ola Nordmann", "union": None, "participant_external_ids": ["a", "b"]},
        ]
        table = read_table(json.dumps(items, ensure_ascii=False).encode(), "people.json")
        assert table.format == "json"
        assert table.columns == ["name", "allocation_percent", "union", "participant_external_ids"]
        assert rows(table) == [
            (1, ["Kari Nordmann", 60, MISSING, MISSING]),
            (2, ["Ola Nordmann", MISSING, None, ["a", "b"]]),
        ]

    def test_json_lines_with_a_missing_key_and_blank_lines(self):
        text = '{"name": "Kåre", "title": null}\n\n{"name": "Åse"}\r\n   \n{"title": "Leder"}\n'
        table = read_table(text.encode(), "people.jsonl")
        assert table.format == "jsonl"
        assert table.columns == ["name", "title"]
        assert rows(table) == [
            (1, ["Kåre", None]),
            (2, ["Åse", MISSING]),
            (3, [MISSING, "Leder"]),
        ]
        assert rows(table)[1][1][1] is MISSING

    def test_missing_is_not_null(self):
        assert MISSING is not None and MISSING != None  # noqa: E711
        assert repr(MISSING) == "MISSING"

    def test_utf8_bom_and_leading_whitespace(self):
        table = read_table(b'\xef\xbb\xbf  \n [{"name": "Kari"}]')
        assert (table.format, rows(table)) == ("json", [(1, ["Kari"])])

    def test_an_item_that_is_not_an_object(self):
        error = unreadable(b'[{"name": "Kari"}, "Ola"]')
        assert error.code == "unreadable_file"
        assert "Item 2" in error.detail

    def test_a_line_that_is_not_an_object(self):
        error = unreadable(b'{"name": "Kari"}\n\n[1, 2]\n')
        assert error.code == "unreadable_file"
        assert "Line 3" in error.detail

    def test_a_line_that_is_not_json(self):
        error = unreadable(b'{"name": "Kari"}\n{"name": \n')
        assert (error.code, "Line 2" in error.detail) == ("unreadable_file", True)

    def test_an_array_that_is_not_json(self):
        assert unreadable(b'[{"name": "Kari"},').code == "unreadable_file"

    def test_keys_that_are_the_same_column(self):
        error = unreadable(b'[{"E-post": "a@example.no"}, {"e_post": "b@example.no"}]')
        assert error.code == "duplicate_column"
        assert "«E-post» and «e_post»" in error.detail

    def test_a_key_without_a_name(self):
        error = unreadable(b'{"name": "Kari", " ": "x"}\n')
        assert error.code == "unreadable_file"


class TestUnreadable:
    def test_empty_file(self):
        for content in (b"", b"  \r\n\n", b"\xef\xbb\xbf"):
            assert unreadable(content).code == "empty_file", content

    def test_a_header_without_rows(self):
        assert unreadable(b"name;title\r\n;\r\n").code == "empty_file"
        assert unreadable(xlsx(["name"])).code == "empty_file"

    def test_an_empty_worksheet(self):
        assert unreadable(xlsx()).code == "empty_file"

    def test_an_empty_json_array_and_json_lines_without_objects(self):
        assert unreadable(b"[]").code == "empty_file"
        assert unreadable(b" [ ] ").code == "empty_file"

    def test_a_repeated_column(self):
        error = unreadable(b"name;E-post;e post\nKari;a;b\n")
        assert error.code == "duplicate_column"
        assert "«E-post» and «e post»" in error.detail
        assert unreadable(b"name,name\nKari,Kari\n").code == "duplicate_column"
        assert unreadable(xlsx(["Navn", "navn "], ["Kari", "Kari"])).code == "duplicate_column"

    def test_a_column_without_a_name(self):
        error = unreadable(b"name;;title\nKari;x;Leder\n")
        assert (error.code, "Column 2" in error.detail) == ("unreadable_file", True)
        assert unreadable(xlsx(["name", None, "title"], ["Kari", 1, "x"])).code == (
            "unreadable_file"
        )

    def test_a_zip_that_is_not_a_workbook(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("manifest.json", "{}")
        error = unreadable(buffer.getvalue(), "programme.zip")
        assert error.code == "unknown_format"

    def test_a_broken_zip(self):
        assert unreadable(xlsx(["name"], ["Kari"])[:200], "a.xlsx").code == "unreadable_file"

    def test_an_old_binary_excel_file(self):
        error = unreadable(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "people.xls")
        assert error.code == "unknown_format"
        assert ".xls" in error.detail

    def test_a_binary_file(self):
        assert unreadable(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bilde.png").code == (
            "unknown_format"
        )


class TestCsvEdges:
    def test_bom_semicolons_and_a_header_only(self):
        error = unreadable("\ufeffnavn;e-post\r\n".encode())
        assert error.code == "empty_file"

    def test_bom_before_excels_sep_line(self):
        table = read_table("\ufeffsep=;\r\nnavn;e-post\r\nKari;k@x.no\r\n".encode())
        assert table.columns == ["navn", "e-post"]
        assert rows(table) == [(2, ["Kari", "k@x.no"])]

    def test_a_cell_larger_than_the_csv_modules_default_limit(self):
        long = "x" * 300_000
        table = read_table(f"name;title\nKari;{long}\n".encode())
        assert rows(table) == [(2, ["Kari", long])]

    def test_a_quote_left_open_refuses_the_file_naming_its_row(self):
        error = unreadable(b'name;title\nKari;Leder\n"Ola;Leder\nPer;Leder\n')
        assert error.code == "unreadable_file"
        assert "Row 3" in error.detail

    def test_a_nul_byte_is_no_text(self):
        assert unreadable(b"name;title\nKa\x00ri;Leder\n").code == "unknown_format"


class TestCsvFormulaGuard:
    """An exported CSV puts `'` before formula-like text (kit/export.py); read back, it goes."""

    TEXTS = [
        "=SUM(A1)",
        '=HYPERLINK("https://evil.example","Klikk")',
        "+47 22 00 00 00",
        "-åpen",
        "@SUM(A1)",
        "\tinnrykk",
        "\rlinje",
        "'=A1",
        "''+1",
        "'tekst",
        "O'Brien",
        "'",
        "-",
        "Vanleg = tekst",
    ]

    def exported(self, texts: list[str], delimiter: str = ",") -> bytes:
        from samskap.kit.export import csv_safe

        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        writer.writerow(["name", "title"])
        for text in texts:
            writer.writerow([csv_safe(text), "x"])
        return ("\ufeff" + buffer.getvalue()).encode()

    @pytest.mark.parametrize("delimiter", [",", ";", "\t"])
    def test_every_text_comes_back_as_it_was_exported(self, delimiter):
        table = read_table(self.exported(self.TEXTS, delimiter))
        assert [cells[0] for _, cells in table.rows()] == self.TEXTS

    def test_the_written_cells_start_with_an_apostrophe_only_where_needed(self):
        from samskap.kit.export import csv_safe

        assert csv_safe("=SUM(A1)") == "'=SUM(A1)"
        assert csv_safe("'=A1") == "''=A1"
        assert csv_safe("'tekst") == "'tekst"
        assert csv_safe("O'Brien") == "O'Brien"

    def test_a_hand_written_apostrophe_before_a_formula_is_dropped(self):
        table = read_table(b"name;title\n'=SUM(A1);'-3\n'Kari;Leder\n")
        assert rows(table) == [(2, ["=SUM(A1)", "-3"]), (3, ["'Kari", "Leder"])]

    def test_xlsx_cells_are_left_as_they_are(self):
        table = read_table(xlsx(["name"], ["'=SUM(A1)"]))
        assert rows(table) == [(2, ["'=SUM(A1)"])]
