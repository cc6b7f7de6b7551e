// Package dataset builds the fine-tuning data for domaingen: business
// descriptions generated from hand-written seed tables (dataset/seeds), ten
// target domain names per description chosen by lexical methods and a
// pluggable Scorer, rendered as chat examples through prompt.Messages, the
// exact chat the server sends to the model.
//
// Everything is deterministic for a given Config (same seed, same bytes)
// and pure Go: no model, no network, no files outside the embedded seeds.
// The procedure, the counts and the known limits are documented in
// docs/dataset.md, the dataset card.
//
// The recipe, one description at a time:
//
//  1. Pick an industry (round robin over a seeded permutation, so all are
//     balanced), a language, a tone, a length bucket, a city, an audience.
//  2. Fill a template of that language and bucket; maybe add typos.
//  3. Keep it only if it passes prompt.Clean, safety.Check, and is neither
//     a duplicate of an earlier description nor near one of the excluded
//     (evaluation) texts.
//  4. Generate candidate names (compounds, synonyms, blends, clipped,
//     suffixed and prefixed forms), keep those that pass domain.Validate and
//     safety.CheckName, score them, pick ten diverse ones, assign TLDs.
//  5. Render prompt.Messages(description, 10, tlds) plus the assistant turn.
package dataset
