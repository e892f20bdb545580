"""Hospital identity: one stable `org_key` and canonical `org_name` per issuing body.

"BỆNH VIỆN ĐA KHOA HOẰNG HOÁ", "Bệnh viện đa khoa huyện Hoằng Hóa" and "BVĐK Hoằng Hóa" in
Thanh Hóa are one hospital: org_key "thanh-hoa/bvdk-hoang-hoa", org_name "Bệnh viện Đa khoa
Hoằng Hóa". Case, tone placement (fold()), the kind of body ("Bệnh viện đa khoa"/"BVĐK", "Trung
tâm Y tế"/"TTYT", … in data/orgs.yaml) and dropped district words are folded; the province is
part of the key because place names repeat across provinces. The key is readable and derived
from the name alone, so it is stable across runs and machines.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex
import yaml

from normalize.provinces import find_province, province_from_body, units
from normalize.text import fold, normalize_text, squash_spaces, strip_diacritics, unify_tones


@dataclass(frozen=True)
class Org:
    org_key: str
    org_name: str
    province: str | None


@dataclass(frozen=True)
class _Vocab:
    kinds: tuple[tuple[str, str, str], ...]        # (folded form, canonical, key) longest first
    dropped: tuple[str, ...]
    kept: tuple[tuple[str, str, str], ...]         # (folded form, canonical, key) longest first
    aliases: dict[str, str]
    committees: tuple[str, ...]
    parents: tuple[str, ...]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw = yaml.safe_load(resources.files("normalize").joinpath("data/orgs.yaml").read_text("utf-8"))
    kinds = [(fold(f), k["canonical"], k["key"]) for k in raw["kinds"] for f in k["forms"]]
    kept = [(fold(k["form"]), k["canonical"], k["key"]) for k in raw["kept_words"]]
    return _Vocab(tuple(sorted(kinds, key=lambda t: -len(t[0]))),
                  tuple(sorted((fold(w) for w in raw["dropped_words"]), key=len, reverse=True)),
                  tuple(sorted(kept, key=lambda t: -len(t[0]))), dict(raw.get("aliases") or {}),
                  tuple(sorted((fold(w) for w in raw.get("committee_prefixes", [])), key=len, reverse=True)),
                  tuple(raw.get("parent_kinds", [])))


def clean_issuer(issuer: str | None) -> str:
    """The issuer as one line: markup (<br>), rules (-----, ***) and spacing removed."""
    text = regex.sub(r"<[^>]{0,20}>", " ", normalize_text(issuer or ""))
    text = regex.sub(r"(?:^|\s)[-_*=.]{2,}(?=\s|$)|[-_*=]{3,}", " ", text)
    return squash_spaces(text).strip(" ,.;:-*")


def _strip_prefixes(plain: str, vocab: _Vocab) -> str:
    """Drop a committee prefix (Đảng ủy …) and a parent body written before the issuer."""
    for _ in range(3):
        folded = fold(plain)
        committee = _take(folded, vocab.committees)
        if committee:
            plain = plain[committee[1]:].strip(" ,.;:-")
            continue
        kind = _take(folded, vocab.kinds)
        if kind and kind[0][2] in vocab.parents:
            for m in regex.finditer(r"(?<=\s)\S", folded):
                later = _take(folded[m.start():], vocab.kinds)
                if later and later[0][2] not in vocab.parents:
                    plain = plain[m.start():]
                    break
            else:
                return plain
            continue
        return plain
    return plain


def slug(text: str | None) -> str:
    """ASCII key of a Vietnamese name: "Hoằng Hoá" → "hoang-hoa"."""
    skeleton = strip_diacritics(fold(squash_spaces(normalize_text(text or ""))))
    return regex.sub(r"[^a-z0-9]+", "-", skeleton.lower()).strip("-")


def _title(words: str) -> str:
    """Canonical capitalisation of a place name: each word capitalised, tones unified."""
    out = []
    for w in unify_tones(words.lower()).split(" "):
        out.append(w[:1].upper() + w[1:] if w else w)
    return " ".join(out)


def _take(folded: str, forms) -> tuple[tuple, int] | None:
    for item in forms:
        form = item[0] if isinstance(item, tuple) else item
        if folded.startswith(form) and (len(folded) == len(form) or not folded[len(form)].isalnum()):
            return item, len(form)
    return None


def resolve_org(issuer: str | None, province: str | None = None, parent_issuer: str | None = None,
                fallback_id: str | None = None) -> Org:
    """Identity of an issuing body; the province is taken from the arguments in order: the
    document's province, the parent body ("Sở Y tế tỉnh Lai Châu"), the issuer's own name."""
    vocab = _vocab()
    if not province:
        found = (province_from_body(parent_issuer) if parent_issuer else None) or \
                (find_province(issuer) if issuer else None)
        province = found.name if found else None
    plain = _strip_prefixes(clean_issuer(issuer), vocab)
    if not plain:
        return Org(f"{slug(province) or 'unknown'}/doc-{fallback_id or 'unknown'}",
                   "(đơn vị ban hành không rõ)", province)
    folded = fold(plain)
    kind = _take(folded, vocab.kinds)
    canonical, kind_key, pos = ("", "org", 0) if kind is None else (kind[0][1], kind[0][2], kind[1])
    rest, frest = plain[pos:].strip(" ,.-"), folded[pos:].strip(" ,.-")
    dropped = _take(frest, vocab.dropped)
    if dropped:
        cut = dropped[1]
        rest, frest = rest[cut:].strip(" ,.-"), frest[cut:].strip(" ,.-")
    if not frest and province and kind is not None:
        rest, frest = province, fold(province)  # "Sở Y tế" alone in its header: its province's
    kept = _take(frest, vocab.kept)
    kept_canon = kept_key = ""
    if kept:
        cut = kept[1]
        kept_canon, kept_key = kept[0][1], kept[0][2]
        rest, frest = rest[cut:].strip(" ,.-"), frest[cut:].strip(" ,.-")
    if province and kind is not None and fold(province) == frest:
        kept_canon, kept_key = _province_level(province, kept_canon, kept_key)
    name = _title(rest) if kind is not None else rest
    local = "-".join(p for p in (kind_key, kept_key, slug(rest)) if p)
    local = vocab.aliases.get(local, local)
    org_name = " ".join(p for p in (canonical, kept_canon, name) if p)
    return Org(f"{slug(province) or 'unknown'}/{local}", org_name, province)


def _province_level(province: str, written: str, written_key: str) -> tuple[str, str]:
    """A body named after its province ("Sở Y tế Cà Mau", "Sở Y tế tỉnh Cà Mau", "Sở Y tế
    thành phố Đồng Nai" after Đồng Nai became a city) is the province's own: one key ("tinh")
    whatever type word is written, and the type word of the province when none is. A type the
    province never had ("BVĐK thành phố Thanh Hóa") names a different, city-level body."""
    province_word = next(canonical for _, canonical, key in _vocab().kept if key == _PROVINCE_KEY)
    unit = next((u for u in units().values() if fold(u.name) == fold(province)), None)
    types = {fold(t) for t in (unit.type, unit.new_type) if t} if unit else {fold(province_word)}
    if written and fold(written) not in types:
        return written, written_key
    return written or (unit.type_on(None).lower() if unit else province_word), _PROVINCE_KEY


_PROVINCE_KEY = "tinh"  # org_key token of a body at province level (orgs.yaml kept_words)
