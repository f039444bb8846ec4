"""What a reply means: normalised text, the commands in each language, and the carrier's words.

`Sim `, `SIM`, `sím` and `sim!` all normalise to `sim`. Commands exist in every
supported language and are understood whatever the conversation's language.
None of them is a word the carriers reserve (STOP, HELP, START...): those the
network answers itself; STOP and the other opt-out words forget the conversation.
"""

from __future__ import annotations

import re
import unicodedata

# Twilio's and the carriers' reserved keywords: never a command of ours. YES is one of Twilio's
# opt-in words too, but it is also the answer to a yes-or-no question, so it is an answer here
# (the gateway may also send its own opt-in notice).
OPT_OUT = {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke"}
CARRIER = OPT_OUT | {"help", "info", "start", "unstop"}

COMMANDS = {
    "back": {"en": ("back",), "pt": ("voltar", "anterior")},
    "restart": {"en": ("menu", "restart"), "pt": ("menu", "inicio", "recomecar")},
    "more": {"en": ("more", "next"), "pt": ("mais", "seguinte")},
}
LANGUAGES = {"en": ("en", "english", "ingles"), "pt": ("pt", "portugues", "portuguese")}


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]|_", " ", bare).split())


def command(word: str) -> str | None:
    return next((name for name, by_lang in COMMANDS.items() if any(word in w for w in by_lang.values())), None)


def language(word: str, supported) -> str | None:
    return next((code for code, names in LANGUAGES.items() if code in supported and word in names), None)


def match(word: str, labels: list[str], values: list[str]) -> int | None:
    """The index of the option `word` names: its number, its id, its label, or, when only one
    label has it, a start of that label or whole words of it ("nao" for "Ainda não")."""
    if word.isdecimal():  # not isdigit: "፩" is a digit that int() refuses
        number = int(word) if len(word) <= 3 else 0
        return number - 1 if 1 <= number <= len(labels) else None
    names = [normalise(label) for label in labels]
    for candidates in (names, [normalise(v) for v in values]):
        if word in candidates:
            return candidates.index(word)
    if len(word) < 3:
        return None
    found = [i for i, name in enumerate(names) if name.startswith(word) or f" {word} " in f" {name} "]
    return found[0] if len(found) == 1 else None  # "tenho" starts one option and is in another: neither
