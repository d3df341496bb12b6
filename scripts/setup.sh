#!/usr/bin/env bash
# Set up everything the project needs on a fresh Debian machine:
# system packages (with apt-get, only those missing) and a virtual environment
# in .venv with the project and its pinned dependencies.
#
#   scripts/setup.sh          runtime + test dependencies
#   SETUP_EXTRAS=dev,cluster scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  poppler-utils            # pdftotext/pdftoppm: sample rendering and PDF page images
  poppler-data             # CJK CMaps (Adobe-GB1): pdftotext reads PDFs with non-embedded Chinese CID fonts
  fonts-wqy-microhei       # CJK font for rendered samples
  fonts-noto-cjk           # second CJK font family for rendered samples
  tesseract-ocr            # OCR engine (pytesseract)
  tesseract-ocr-chi-sim    # Simplified Chinese data for tesseract
  chromium                 # headless browser for end-to-end review tests (driven by Python playwright)
  libgl1                   # opencv-python (pulled by rapidocr-onnxruntime) links libGL
  libglib2.0-0
)
PYTHON="${PYTHON:-python3}"
# Debian's own python3 makes virtual environments only with python3-venv installed
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || APT_PACKAGES+=(python3-venv)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
EXTRAS="${SETUP_EXTRAS:-dev,cluster}"
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-${EXTRAS//,/_}"
if [ ! -f "$stamp" ]; then
  echo "setup: installing the project and its dependencies ($EXTRAS)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[${EXTRAS}]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
.venv/bin/python -c "import cv2, onnxruntime, extract, classify, review, digitize" || { echo "setup: import check failed" >&2; exit 1; }
echo "setup: ready (.venv)"
