// Small C helpers for package llama: they keep per-token work on the C side
// (sampling over the whole vocabulary, batch filling) so that the Go side does
// one cgo call per step instead of one per vocabulary entry.
#ifndef DOMAINGEN_LLAMA_HELPERS_H
#define DOMAINGEN_LLAMA_HELPERS_H

#include <math.h>
#include <stdlib.h>
#include "llama.h"

extern void goLog(int level, char *text, void *user_data);

static void dg_log_callback(enum ggml_log_level level, const char *text, void *user_data) {
	goLog((int)level, (char *)text, user_data);
}

static void dg_set_log(void) { llama_log_set(dg_log_callback, NULL); }

// dg_abort_flag is an atomic flag polled by llama.cpp between graph nodes.
static bool dg_abort(void *data) { return __atomic_load_n((int *)data, __ATOMIC_SEQ_CST) != 0; }

static int *dg_new_flag(void) {
	int *f = (int *)malloc(sizeof(int));
	__atomic_store_n(f, 0, __ATOMIC_SEQ_CST);
	return f;
}
static void dg_flag_set(int *f, int v) { __atomic_store_n(f, v, __ATOMIC_SEQ_CST); }

static void dg_set_abort(struct llama_context *ctx, int *flag) {
	llama_set_abort_callback(ctx, dg_abort, flag);
}

static void dg_batch_set(struct llama_batch *b, int i, llama_token tok, llama_pos pos, llama_seq_id seq, bool logits) {
	b->token[i] = tok;
	b->pos[i] = pos;
	b->n_seq_id[i] = 1;
	b->seq_id[i][0] = seq;
	b->logits[i] = logits;
}

// dg_build_mask sets mask[t] = 1 for every token whose text uses only bytes
// from allowed (and for end-of-generation tokens), 0 otherwise.
static void dg_build_mask(const struct llama_vocab *vocab, const char *allowed, unsigned char *mask) {
	unsigned char ok[256] = {0};
	for (const unsigned char *p = (const unsigned char *)allowed; *p; p++) ok[*p] = 1;
	const int32_t n = llama_vocab_n_tokens(vocab);
	char buf[256];
	for (int32_t t = 0; t < n; t++) {
		if (llama_vocab_is_eog(vocab, t)) { mask[t] = 1; continue; }
		int32_t len = llama_token_to_piece(vocab, t, buf, sizeof buf, 0, false);
		unsigned char good = len > 0;
		for (int32_t i = 0; good && i < len; i++) good = ok[(unsigned char)buf[i]];
		mask[t] = good;
	}
}

static size_t dg_fill(llama_token_data *buf, const float *logits, int32_t n_vocab, const unsigned char *mask) {
	size_t n = 0;
	for (int32_t i = 0; i < n_vocab; i++) {
		if (mask != NULL && !mask[i]) continue;
		buf[n].id = i; buf[n].logit = logits[i]; buf[n].p = 0.0f; n++;
	}
	return n;
}

static bool dg_any_finite(const llama_token_data_array *a) {
	for (size_t i = 0; i < a->size; i++) if (a->data[i].logit != -INFINITY) return true;
	return false;
}

// dg_exclude bans the tokens in exclude from the candidates, unless that
// would leave none: then it changes nothing.
static void dg_exclude(llama_token_data_array *cur, const llama_token *exclude, int32_t n_exclude) {
	bool left = false;
	for (size_t i = 0; i < cur->size && !left; i++) {
		if (cur->data[i].logit == -INFINITY) continue;
		bool banned = false;
		for (int32_t j = 0; j < n_exclude; j++) if (cur->data[i].id == exclude[j]) { banned = true; break; }
		if (!banned) left = true;
	}
	if (!left) return;
	for (size_t i = 0; i < cur->size; i++)
		for (int32_t j = 0; j < n_exclude; j++)
			if (cur->data[i].id == exclude[j]) { cur->data[i].logit = -INFINITY; break; }
}

// dg_sample picks the next token for output row idx:
//   1. candidates = tokens allowed by mask (all if mask is NULL);
//   2. pre (top-k) keeps the most likely few;
//   3. the grammar filters those few; only if it rejects them all is it run
//      over every candidate (checking 40 tokens against a grammar is cheap,
//      checking 49k is not), followed by pre again;
//   4. the tokens in exclude are banned (unless none would be left);
//   5. post (penalties, top-p, min-p, temperature, draw) selects one.
// *logprob receives log p(token) under the raw model distribution
// (temperature 1, whole vocabulary). Returns -1 if the row has no logits and
// -2 if the grammar admits no candidate.
static llama_token dg_sample(struct llama_context *ctx, int32_t idx,
		struct llama_sampler *pre, struct llama_sampler *grammar, struct llama_sampler *post,
		const unsigned char *mask, llama_token_data *buf, int32_t n_vocab,
		const llama_token *exclude, int32_t n_exclude, float *logprob) {
	const float *logits = llama_get_logits_ith(ctx, idx);
	if (logits == NULL) return -1;
	float maxl = -INFINITY;
	for (int32_t i = 0; i < n_vocab; i++) if (logits[i] > maxl) maxl = logits[i];
	double sum = 0.0; // expf is fast; the sum of 49k terms needs double precision
	for (int32_t i = 0; i < n_vocab; i++) sum += expf(logits[i] - maxl);
	const double lse = (double)maxl + log((double)sum);

	llama_token_data_array cur = { buf, dg_fill(buf, logits, n_vocab, mask), -1, false };
	if (pre != NULL) llama_sampler_apply(pre, &cur);
	if (grammar != NULL) {
		llama_sampler_apply(grammar, &cur);
		if (!dg_any_finite(&cur)) {
			cur.data = buf; cur.size = dg_fill(buf, logits, n_vocab, mask); cur.selected = -1; cur.sorted = false;
			llama_sampler_apply(grammar, &cur);
			if (pre != NULL) llama_sampler_apply(pre, &cur);
			if (!dg_any_finite(&cur)) return -2;
		}
	}
	if (n_exclude > 0) dg_exclude(&cur, exclude, n_exclude);
	llama_sampler_apply(post, &cur);
	if (cur.selected < 0 || cur.data[cur.selected].logit == -INFINITY) return -2;
	const llama_token tok = cur.data[cur.selected].id;
	*logprob = (float)((double)logits[tok] - lse);
	return tok;
}

#endif
