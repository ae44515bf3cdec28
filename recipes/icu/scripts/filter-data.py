#!/usr/bin/env python3
"""Cut ICU's prebuilt data package down to what PHP's intl (and a user of it) needs.

ICU's source tarball carries no data sources (the CLDR-derived .txt files are a separate
download), only the prebuilt package data/in/icudtNNl.dat with every locale, every charset
table and every dictionary (31.9 MB in 76.1). ICU's data filter (ICU_DATA_FILTER_FILE) works on
those sources, so this script filters the prebuilt package instead, with the native icupkg,
derb and genrb of the host build:

  * locales: LANGUAGES below (every regional form of each: de_AT, pt_BR, zh_Hant_TW, ...) and
    root, in every tree (formats, collation, currency/language/region/unit/zone names,
    spellout rules, break rules); each tree's res_index (what uloc_getAvailable, i.e.
    ResourceBundle::getLocales() and Collator::getAvailableLocales(), lists) is rebuilt to
    match, keeping its alias entries for the kept languages;
  * charset tables: CONVERTERS below (the WHATWG Encoding Standard's legacy encodings, what
    ISO-2022-JP/KR/CN switch into, two DOS code pages); UTF-*, ISO-8859-1, US-ASCII, SCSU,
    BOCU-1 and the ISO-2022 family are code, not tables, and stay;
  * everything else stays: the word-break dictionaries (chosen by the script of the text,
    not by the locale: Chinese/Japanese, Thai, Lao, Khmer, Burmese), normalization,
    properties, character names (IntlChar::charName), transliteration, time zones, spoof
    checking (Spoofchecker), IDNA (uts46), StringPrep, plural/unit/currency supplemental data.

Usage: filter-data.py TOOLS_DIR IN.dat OUT.dat REPORT.txt
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

# ICU's 42 languages: every official language of the EU, and the most used languages of
# the web and of WordPress's translations beyond them.
LANGUAGES = {
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "ga",
    "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "no",
    "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "th", "tr", "uk", "vi", "zh",
    # deprecated codes ICU keeps as aliases of kept languages (he, id, nb, sr)
    "iw", "in", "sh",
    # what kept bundles point into: Norwegian's no_NO_NY is nn_NO, zh_Hant_HK's spellout
    # rules are Cantonese's
    "nn", "yue",
}

# charset tables (.cnv), by the WHATWG encoding they implement
CONVERTERS = {
    "ibm-912_P100-1995": "ISO-8859-2", "ibm-913_P100-2000": "ISO-8859-3",
    "ibm-914_P100-1995": "ISO-8859-4", "ibm-915_P100-1995": "ISO-8859-5",
    "ibm-1089_P100-1995": "ISO-8859-6", "ibm-9005_X110-2007": "ISO-8859-7",
    "ibm-5012_P100-1999": "ISO-8859-8", "ibm-920_P100-1995": "ISO-8859-9",
    "iso-8859_10-1998": "ISO-8859-10", "iso-8859_11-2001": "ISO-8859-11",
    "ibm-921_P100-1995": "ISO-8859-13", "iso-8859_14-1998": "ISO-8859-14",
    "ibm-923_P100-1998": "ISO-8859-15", "ibm-878_P100-1996": "KOI8-R",
    "ibm-1168_P100-2002": "KOI8-U", "macos-0_2-10.2": "macintosh",
    "macos-7_3-10.2": "x-mac-cyrillic", "windows-874-2000": "windows-874",
    "ibm-5346_P100-1998": "windows-1250", "ibm-5347_P100-1998": "windows-1251",
    "ibm-5348_P100-1997": "windows-1252", "ibm-5349_P100-1998": "windows-1253",
    "ibm-5350_P100-1998": "windows-1254", "ibm-9447_P100-2002": "windows-1255",
    "ibm-9448_X100-2005": "windows-1256", "ibm-9449_P100-2002": "windows-1257",
    "ibm-5354_P100-1998": "windows-1258", "ibm-866_P100-1995": "IBM866",
    "windows-936-2000": "GBK", "gb18030-2022": "gb18030", "windows-950-2000": "Big5",
    "ibm-1375_P100-2008": "Big5-HKSCS", "euc-jp-2007": "EUC-JP",
    "ibm-943_P15A-2003": "Shift_JIS (and JIS X 0208 for ISO-2022-JP)",
    "ibm-970_P110_P110-2006_U2": "EUC-KR", "ibm-1363_P11B-1998": "windows-949",
    "jisx-212": "JIS X 0212 (ISO-2022-JP-1/2)", "ibm-5478_P100-1995": "GB 2312 (ISO-2022-JP-2/CN)",
    "ibm-949_P110-1999": "KS C 5601 (ISO-2022-JP-2)", "icu-internal-25546": "ISO-2022-KR",
    "iso-ir-165": "ISO-IR-165 (ISO-2022-CN-EXT)", "cns-11643-1992": "CNS 11643 (ISO-2022-CN)",
    "ibm-437_P100-1995": "IBM437", "ibm-850_P100-1995": "IBM850",
    # the tables the ones above are extensions of
    "ibm-949_P11A-1999": "KS C 5601 (base)", "ibm-1386_P100-2001": "GBK (base)",
    "ibm-1373_P100-2002": "Big5 (base)",
}

LOCALE_NAME = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*$")
# the trees whose items are per-locale resource bundles (top level = "")
LOCALE_TREES = ("", "brkitr", "coll", "curr", "lang", "rbnf", "region", "unit", "zone")


def language(stem: str) -> str | None:
    """The language of a locale bundle's name, or None for a non-locale item."""
    if stem in ("root", "pool", "res_index"):
        return None
    m = LOCALE_NAME.match(stem)
    return m.group(1) if m else None


def dropped(item: str) -> bool:
    tree, _, name = item.rpartition("/")
    if name.endswith(".cnv"):
        return name[:-4] not in CONVERTERS
    if tree in LOCALE_TREES and name.endswith(".res"):
        lang = language(name[:-4])
        return lang is not None and lang not in LANGUAGES
    return False


def run(*argv: str | Path) -> str:
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True)
    if done.returncode != 0 or "error" in done.stderr:  # derb exits 0 on errors
        sys.exit(f"filter-data.py: {' '.join(map(str, argv))} failed ({done.returncode}):\n"
                 f"{done.stdout}{done.stderr}")
    return done.stdout


def filter_index(text: str) -> str:
    """A res_index source with the entries of dropped languages left out. derb drops the
    table's nofallback flag, which genrb needs to see (an index has no parent bundle)."""
    out = []
    for line in text.splitlines():
        m = re.match(r'^\s*([A-Za-z0-9_]+)\s*\{\s*""\s*\}\s*$', line)
        if m and (lang := language(m.group(1))) is not None and lang not in LANGUAGES:
            continue
        out.append(re.sub(r"^res_index\s*\{", "res_index:table(nofallback) {", line))
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    tools, source, dest, report = Path(argv[0]), Path(argv[1]), Path(argv[2]), Path(argv[3])
    stem = source.stem  # icudt76l
    items = [line.strip() for line in run(tools / "icupkg", "-l", source).splitlines()
             if line.strip()]
    drop = sorted(i for i in items if dropped(i))
    indexes = [i for i in items if i.rpartition("/")[2] == "res_index.res"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "drop.lst").write_text("\n".join(drop) + "\n")
        (work / "index.lst").write_text("\n".join(indexes) + "\n")
        for index in indexes:  # icupkg -x makes no directories
            (work / "old" / index).parent.mkdir(parents=True, exist_ok=True)
        run(tools / "icupkg", "-x", work / "index.lst", "-d", work / "old", source)
        for index in indexes:
            tree = index.rpartition("/")[0]
            txt_dir, res_dir = work / "txt" / tree, work / "new" / stem / tree
            txt_dir.mkdir(parents=True, exist_ok=True)
            res_dir.mkdir(parents=True, exist_ok=True)
            # derb writes the bundle back as genrb source (UTF-8 with a BOM)
            run(tools / "derb", "-s", work / "old" / tree, "-d", txt_dir, "-e", "UTF-8",
                "res_index")
            text = (txt_dir / "res_index.txt").read_text(encoding="utf-8-sig")
            (txt_dir / "res_index.txt").write_text(filter_index(text), encoding="utf-8")
            run(tools / "genrb", "-q", "-e", "UTF-8", "-s", txt_dir, "-d", res_dir,
                "res_index.txt")
        # icupkg names the items inside after the file it writes (icudt76l/…): same name
        tmp_dest = work / source.name
        run(tools / "icupkg", "-r", work / "drop.lst", source, tmp_dest)
        # -a replaces the items of the same name (the rebuilt indexes)
        run(tools / "icupkg", "-a", work / "index.lst", "-s", work / "new" / stem, tmp_dest)
        dest.write_bytes(tmp_dest.read_bytes())
    kept = [i for i in items if i not in set(drop)]
    langs = sorted({lang for i in kept if (lang := language(i.rpartition("/")[2][:-4]))})
    lines = [
        f"ICU data {source.name}: {source.stat().st_size} bytes, {len(items)} items",
        f"filtered: {dest.stat().st_size} bytes, {len(kept)} items ({len(drop)} dropped)",
        f"languages ({len(langs)}, every regional form, and root): {' '.join(langs)}",
        "charset tables: " + ", ".join(sorted(set(CONVERTERS.values()))),
        "dropped:", *drop,
    ]
    report.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:5]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
