"""Write `instance/config.py` with fresh secrets, once.

Secrets are generated a single time at set-up, never per process: every worker
and every restart must sign sensitive-answer tokens with the same key.
"""

import secrets
import sys
from pathlib import Path

from guide import ROOT


def write_instance_config(folder: Path = ROOT / "instance") -> bool:
    """Create config.py with new keys unless it exists; True if written."""
    path = folder / "config.py"
    if path.exists():
        return False
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Generated once by `python -m guide.instance_setup`; keep private, never commit.\n"
        f"SECRET_KEY = {secrets.token_hex(32)!r}\n"
        f"SMS_HASH_KEY = {secrets.token_hex(32)!r}\n",
        encoding="utf-8",
    )
    path.chmod(0o600)
    return True


if __name__ == "__main__":
    written = write_instance_config()
    print("instance/config.py written" if written else "instance/config.py already exists; kept")
    sys.exit(0)
