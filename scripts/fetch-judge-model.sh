#!/usr/bin/env bash
# fetch-judge-model.sh — Qwen2.5-Coder-1.5B-Instruct, the judge's language
# model (docs/judge.md). Kept for old instructions; see fetch-qwen.sh.
exec "$(dirname "$0")/fetch-qwen.sh" 1.5b
