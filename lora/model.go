package lora

import (
	"errors"
	"fmt"
	"math"
	"runtime"
)

// Options configures a Model. Zero values mean defaults.
type Options struct {
	Batch   int     // most sequences per Forward, B (default 1)
	Seq     int     // most tokens per sequence, T (default 256; at most the model's context length)
	Threads int     // goroutines for matmuls and attention (default GOMAXPROCS)
	Dropout float32 // LoRA input dropout probability in training forwards, in [0, 1)
	Seed    uint64  // dropout seed; every training Forward draws new masks
}

// Batch is one forward's input: B' ≤ Options.Batch sequences of T' ≤
// Options.Seq tokens, each starting at position 0.
type Batch struct {
	Tokens []int32 // (B', T') row-major: token t of sequence b at b·T'+t
	// Targets (B', T') holds the token to predict after each position, or a
	// negative value where no loss counts (prompt, padding). Nil means no
	// loss: the forward keeps every position's logits instead (see Logits).
	Targets []int32
	Seq     int     // T' (default Options.Seq); len(Tokens) must be a multiple
	Denom   float64 // the loss is Σ −log p(target) / Denom (default: the number of targets ≥ 0)
}

// Model runs a Base with an optional Adapter forward and backward. It holds
// the activations of the last Forward, so it is not safe for concurrent use;
// several Models may share one Base.
type Model struct {
	n    *net[float32]
	ad   *Adapter
	grad *Adapter
}

// NewModel allocates the activations for opt.Batch × opt.Seq tokens. ad may
// be nil (base model only); its A and B slices are used in place, so an
// optimizer that updates them in place is seen by the next Forward.
func NewModel(base *Base, ad *Adapter, opt Options) (*Model, error) {
	c := base.Config
	if opt.Batch == 0 {
		opt.Batch = 1
	}
	if opt.Seq == 0 {
		opt.Seq = min(256, c.NCtxTrain)
	}
	if opt.Threads == 0 {
		opt.Threads = runtime.GOMAXPROCS(0)
	}
	if opt.Batch < 0 || opt.Seq < 0 || opt.Seq > c.NCtxTrain || opt.Threads < 0 {
		return nil, fmt.Errorf("new model: batch %d, seq %d (context %d), threads %d out of range", opt.Batch, opt.Seq, c.NCtxTrain, opt.Threads)
	}
	if !(opt.Dropout >= 0 && opt.Dropout < 1) {
		return nil, fmt.Errorf("new model: dropout %g not in [0, 1)", opt.Dropout)
	}
	m := &Model{ad: ad}
	var pairs []pairInit[float32]
	rank, scale := 0, float32(0)
	if ad != nil {
		if err := ad.Check(base); err != nil {
			return nil, fmt.Errorf("new model: %w", err)
		}
		m.grad = ad.ZerosLike()
		rank, scale = ad.Rank, ad.Scale()
		for i, p := range ad.Pairs {
			g := m.grad.Pairs[i]
			pairs = append(pairs, pairInit[float32]{p.Layer, p.Target, p.A, p.B, g.A, g.B})
		}
	}
	m.n = newNet(c, &base.w, pairs, rank, scale, opt)
	return m, nil
}

// Forward runs the model over b and returns the mean loss (0 without
// targets). train enables dropout and prepares Backward (it needs Targets).
// Bad token ids or sizes are errors.
func (m *Model) Forward(b Batch, train bool) (float64, error) {
	n := m.n
	nt := b.Seq
	if nt == 0 {
		nt = n.opt.Seq
	}
	if nt <= 0 || nt > n.opt.Seq || len(b.Tokens) == 0 || len(b.Tokens)%nt != 0 || len(b.Tokens)/nt > n.opt.Batch {
		return 0, fmt.Errorf("forward: %d tokens do not form at most %d sequences of %d (max %d) tokens", len(b.Tokens), n.opt.Batch, nt, n.opt.Seq)
	}
	if b.Targets != nil && len(b.Targets) != len(b.Tokens) {
		return 0, fmt.Errorf("forward: %d targets for %d tokens", len(b.Targets), len(b.Tokens))
	}
	if b.Denom < 0 || math.IsNaN(b.Denom) || math.IsInf(b.Denom, 0) {
		return 0, fmt.Errorf("forward: loss denominator %g", b.Denom)
	}
	if train && b.Targets == nil {
		return 0, errors.New("forward: training needs targets")
	}
	v := int32(n.cfg.NVocab)
	for i, tok := range b.Tokens {
		if tok < 0 || tok >= v {
			return 0, fmt.Errorf("forward: token %d at %d out of vocabulary (%d)", tok, i, v)
		}
	}
	for i, tok := range b.Targets {
		if tok >= v {
			return 0, fmt.Errorf("forward: target %d at %d out of vocabulary (%d)", tok, i, v)
		}
	}
	return n.forward(b.Tokens, b.Targets, len(b.Tokens)/nt, nt, b.Denom, train), nil
}

// Backward accumulates the gradients of the last Forward's loss with
// respect to the adapter's A and B into Grad (activations' gradients flow
// through every op; the base weights get none). It panics unless the last
// Forward was a training one.
func (m *Model) Backward() { m.n.backward() }

// Grad returns the gradient accumulators, shaped like the adapter (nil
// without one). Backward adds to them; ZeroGrad clears them.
func (m *Model) Grad() *Adapter { return m.grad }

// ZeroGrad sets every gradient to zero.
func (m *Model) ZeroGrad() {
	if m.grad == nil {
		return
	}
	for _, p := range m.grad.Params() {
		clear(p)
	}
}

// DropoutStep returns how many training forwards the model has run: the
// dropout masks of the next one depend on it. A checkpoint saves it and
// SetDropoutStep restores it, so a resumed run draws the same masks.
func (m *Model) DropoutStep() uint64 { return m.n.step }

// SetDropoutStep sets the training-forward counter (see DropoutStep).
func (m *Model) SetDropoutStep(s uint64) { m.n.step = s }

// Logits returns the logits of the last Forward without targets, (B'·T', V)
// row-major. The slice is reused by the next Forward.
func (m *Model) Logits() []float32 { return m.n.logits[:m.n.nb*m.n.nt*m.n.cfg.NVocab] }

// ---- the generic network ---------------------------------------------------

// pairInit hands a LoRA pair's parameter and gradient slices to newNet.
type pairInit[F num] struct {
	layer        int
	target       Target
	a, b, da, db []F
}

// loraPair is one adapted weight: A (r, in), B (out, r) and their gradients
// (nil when no gradient is wanted).
type loraPair[F num] struct {
	a, b, da, db []F
}

// layerActs are one block's saved activations, every slice sized for B·T
// tokens (N) and used for the first N' = B'·T' of them. What is cheap to
// recompute is not kept; backward recomputes, bit for bit, the norms'
// outputs (rmsnormApply of in or mid with the saved 1/rms), the attention
// output (attentionOutput: P·V from the kept P) and silu(gate)·up
// (swigluForward, whose exponentials the SwiGLU backward needs anyway).
type layerActs[F num] struct {
	in       []F             // (N, C) residual stream entering the block
	rstd1    []F             // (N) 1/rms of in
	rstd2    []F             // (N) 1/rms of mid
	q        []F             // (N, Hq·D) queries after RoPE
	k, v     []F             // (N, Hkv·D) keys after RoPE, values
	att      []F             // (B, Hq, T'(T'+1)/2) softmax probabilities, causal triangle
	mid      []F             // (N, C) residual stream after attention
	gate, up []F             // (N, FF) projections before SwiGLU
	h        [numTargets][]F // (N, r) LoRA hidden A·drop(x) per adapted target
}

// net is the model in element type F: float32 for use, float64 for the
// gradient checks.
type net[F num] struct {
	cfg      Config
	opt      Options
	w        *weights[F]
	lora     [][numTargets]*loraPair[F] // [layer][target], nil if not adapted
	rank     int
	scale    F
	cos, sin []F // (T, NRot/2) RoPE table
	lowest   int // lowest adapted block: the backward stops there

	acts   []layerActs[F]
	final  []F // (N, C) residual stream after the last block
	xf     []F // (N, C) output_norm output
	rstdf  []F // (N)
	logits []F // (N, V), allocated by the first Forward without targets
	dxf    []F // (N, C) dloss/dxf from the fused classifier of a training Forward

	// scratch
	tmp, loraTmp, xd, dxd, dh, attScratch []F
	xn                                    []F // (N, C) the current norm's output, input of q/k/v or gate/up
	ao                                    []F // (N, Hq·D) attention output, input of attn_output
	act, sig                              []F // (N, FF) silu(gate)·up, input of ffn_down; σ(gate)
	xg, dxg, chunkLogits                  []F
	chunkTargets                          []int32   // targets of the chunk's rows
	chunkLoss                             []float64 // loss of each of the chunk's rows
	dres, dxn, dq, dk, dv, dao, dact      []F

	// the last forward
	nb, nt int
	train  bool
	step   uint64
	backOK bool
}

// classifierChunk is how many token rows the fused classifier handles at a
// time: 64·49152 logits (12 MiB) instead of all B·T rows at once.
const classifierChunk = 64

func newNet[F num](c Config, w *weights[F], pairs []pairInit[F], rank int, scale F, opt Options) *net[F] {
	n := &net[F]{cfg: c, opt: opt, w: w, rank: rank, scale: scale}
	N := opt.Batch * opt.Seq
	C, FF := c.NEmbd, c.NFF
	qd, kvd := c.NHead*c.HeadDim, c.NHeadKV*c.HeadDim
	mk := func(k int) []F { return make([]F, k) }
	cos, sin := ropeTable(opt.Seq, c.NRot, c.RopeBase)
	n.cos, n.sin = convert[F](cos), convert[F](sin)
	n.lora = make([][numTargets]*loraPair[F], c.NLayer)
	n.lowest = c.NLayer
	for _, p := range pairs {
		n.lora[p.layer][p.target] = &loraPair[F]{p.a, p.b, p.da, p.db}
		n.lowest = min(n.lowest, p.layer)
	}
	n.acts = make([]layerActs[F], c.NLayer)
	maxIn := max(C, FF, qd)
	for l := range n.acts {
		a := &n.acts[l]
		a.in, a.mid = mk(N*C), mk(N*C)
		a.rstd1, a.rstd2 = mk(N), mk(N)
		a.q, a.k, a.v = mk(N*qd), mk(N*kvd), mk(N*kvd)
		a.att = mk(opt.Batch * c.NHead * causalLen(opt.Seq))
		a.gate, a.up = mk(N*FF), mk(N*FF)
		for t := range a.h {
			if n.lora[l][t] != nil {
				a.h[t] = mk(N * rank)
			}
		}
	}
	n.final, n.xf, n.rstdf, n.dxf = mk(N*C), mk(N*C), mk(N), mk(N*C)
	n.tmp, n.loraTmp = mk(N*C), mk(N*maxIn)
	if pairs != nil {
		n.xd, n.dxd, n.dh = mk(N*maxIn), mk(N*maxIn), mk(N*rank)
	}
	n.attScratch = mk(max(1, opt.Threads) * 2 * opt.Seq * opt.Seq)
	n.xn, n.ao, n.act, n.sig = mk(N*C), mk(N*qd), mk(N*FF), mk(N*FF)
	n.xg, n.dxg, n.chunkLogits = mk(classifierChunk*C), mk(classifierChunk*C), mk(classifierChunk*c.NVocab)
	n.chunkTargets, n.chunkLoss = make([]int32, classifierChunk), make([]float64, classifierChunk)
	n.dres, n.dxn, n.dao = mk(N*C), mk(N*C), mk(N*qd)
	n.dq, n.dk, n.dv = mk(N*qd), mk(N*kvd), mk(N*kvd)
	n.dact = mk(N * FF)
	return n
}

func (n *net[F]) attnDims() attnDims {
	c := n.cfg
	return attnDims{b: n.nb, t: n.nt, hq: c.NHead, hkv: c.NHeadKV, hd: c.HeadDim, scale: float64(c.AttnScale)}
}

// dropSeed derives the dropout mask seed of one (step, layer, target).
func (n *net[F]) dropSeed(l int, t Target) uint64 {
	z := n.opt.Seed ^ n.step*0xD1B54A32D192ED03 ^ uint64(l*int(numTargets)+int(t)+1)*0x8CB92BA72F3D8DD7
	z ^= z >> 29
	return z * 0xBF58476D1CE4E5B9
}

func (n *net[F]) dropping() bool { return n.train && n.opt.Dropout > 0 }

// forward is the recipe: embed, then per block attention and SwiGLU with
// residuals, then output_norm and the (fused) classifier.
func (n *net[F]) forward(tokens, targets []int32, nb, nt int, denom float64, train bool) float64 {
	c, w := n.cfg, n.w
	n.nb, n.nt, n.train, n.backOK = nb, nt, train, false
	if train {
		n.step++
	}
	N, C := nb*nt, c.NEmbd
	eps := F(c.RMSEps)
	th := n.opt.Threads
	embedForward(n.acts[0].in, w.tokEmbd, tokens)
	for l := range n.acts {
		a, lw := &n.acts[l], &w.layers[l]
		out := n.final
		if l+1 < len(n.acts) {
			out = n.acts[l+1].in
		}
		// attention block: mid = in + Wo·attn(rope(Wq·x), rope(Wk·x), Wv·x), x = rmsnorm(in)
		n.rmsnormForward(n.xn, a.rstd1, a.in, lw.attnNorm, N, C, eps)
		n.linearForward(l, TargetQ, a.q, n.xn, lw.bq)
		n.linearForward(l, TargetK, a.k, n.xn, lw.bk)
		n.linearForward(l, TargetV, a.v, n.xn, lw.bv)
		n.rope(a.q, N, c.NHead, false)
		n.rope(a.k, N, c.NHeadKV, false)
		attentionForward(th, n.ao, a.att, n.attScratch, a.q, a.k, a.v, n.attnDims())
		n.linearForward(l, TargetO, n.tmp, n.ao, nil)
		n.residualForward(a.mid[:N*C], a.in, n.tmp)
		// feed-forward block: out = mid + Wdown·(silu(Wgate·x) ⊙ Wup·x), x = rmsnorm(mid)
		n.rmsnormForward(n.xn, a.rstd2, a.mid, lw.ffnNorm, N, C, eps)
		n.linearForward(l, TargetGate, a.gate, n.xn, nil)
		n.linearForward(l, TargetUp, a.up, n.xn, nil)
		n.swigluForward(n.act[:N*c.NFF], nil, a.gate[:N*c.NFF], a.up[:N*c.NFF])
		n.linearForward(l, TargetDown, n.tmp, n.act, nil)
		n.residualForward(out[:N*C], a.mid, n.tmp)
	}
	n.rmsnormForward(n.xf, n.rstdf, n.final, w.outNorm, N, C, eps)
	if targets == nil {
		if n.logits == nil {
			n.logits = make([]F, n.opt.Batch*n.opt.Seq*c.NVocab)
		}
		matmulForward(th, n.logits, n.xf[:N*C], w.output.plain, w.output.fwd, nil, linDims{n: N, in: C, out: c.NVocab})
		return 0
	}
	loss := n.classifier(targets, denom, train)
	n.backOK = train
	return loss
}

// linearForward: out = x·Wᵀ (+ bias) (+ s·(drop(x)·Aᵀ)·Bᵀ if adapted).
func (n *net[F]) linearForward(l int, t Target, out, x, bias []F) {
	in, o := n.cfg.Shape(t)
	N := n.nb * n.nt
	d := linDims{n: N, in: in, out: o, rank: n.rank}
	out, x = out[:N*o], x[:N*in]
	wt := n.w.layers[l].lin[t]
	matmulForward(n.opt.Threads, out, x, wt.plain, wt.fwd, bias, d)
	p := n.lora[l][t]
	if p == nil {
		return
	}
	xd := x
	if n.dropping() {
		xd = n.xd[:N*in]
		n.dropoutForward(xd, x, n.dropSeed(l, t))
	}
	loraForward(n.opt.Threads, out, n.acts[l].h[t][:N*n.rank], n.loraTmp, xd, p.a, p.b, d, n.scale)
}

// needsInput reports whether linearBackward of target t in block l reads
// its input x: only a LoRA pair with gradients does.
func (n *net[F]) needsInput(l int, t Target) bool {
	p := n.lora[l][t]
	return p != nil && p.da != nil
}

// linearBackward: dx += dout·W (+ the LoRA branch's input gradient), and the
// LoRA gradients dA, dB accumulate. dx nil skips the input gradient (the
// first block's input needs none).
func (n *net[F]) linearBackward(l int, t Target, dx, dout, x []F) {
	in, o := n.cfg.Shape(t)
	N := n.nb * n.nt
	d := linDims{n: N, in: in, out: o, rank: n.rank}
	dout, x = dout[:N*o], x[:N*in]
	if dx != nil {
		dx = dx[:N*in]
		wt := n.w.layers[l].lin[t]
		matmulBackward(n.opt.Threads, dx, dout, wt.plain, wt.bwd, d)
	}
	if !n.needsInput(l, t) {
		return
	}
	p := n.lora[l][t]
	xd := x
	if n.dropping() {
		xd = n.xd[:N*in]
		n.dropoutForward(xd, x, n.dropSeed(l, t))
	}
	dxd := n.dxd[:N*in]
	loraBackward(n.opt.Threads, dxd, n.dh, p.da, p.db, dout, n.acts[l].h[t][:N*n.rank], xd, p.a, p.b, d, n.scale)
	if dx == nil {
		return
	}
	if n.dropping() {
		n.dropoutBackward(dx, dxd, n.dropSeed(l, t))
		return
	}
	n.addTo(dx, dxd)
}

// classifier computes logits only for rows with a target, chunk by chunk,
// and returns the loss; in training it also leaves dloss/dxf in n.dxf (the
// fused classifier of llm.c: the (N, V) logits never exist at once).
func (n *net[F]) classifier(targets []int32, denom float64, train bool) float64 {
	c := n.cfg
	C, V := c.NEmbd, c.NVocab
	N := n.nb * n.nt
	var rows []int
	for i, tg := range targets[:N] {
		if tg >= 0 {
			rows = append(rows, i)
		}
	}
	if denom == 0 {
		denom = float64(len(rows))
	}
	if train {
		clear(n.dxf[:N*C])
	}
	if len(rows) == 0 {
		return 0
	}
	var loss float64
	for lo := 0; lo < len(rows); lo += classifierChunk {
		chunk := rows[lo:min(lo+classifierChunk, len(rows))]
		k := len(chunk)
		for i, r := range chunk {
			copy(n.xg[i*C:(i+1)*C], n.xf[r*C:(r+1)*C])
		}
		logits := n.chunkLogits[:k*V]
		matmulForward(n.opt.Threads, logits, n.xg[:k*C], n.w.output.plain, n.w.output.fwd, nil, linDims{n: k, in: C, out: V})
		tg, rowLoss := n.chunkTargets[:k], n.chunkLoss[:k]
		for i, r := range chunk {
			tg[i] = targets[r]
		}
		n.crossEntropy(logits, tg, rowLoss, V, train, F(1/denom))
		for _, l := range rowLoss {
			loss += l
		}
		if !train {
			continue
		}
		clear(n.dxg[:k*C])
		matmulBackward(n.opt.Threads, n.dxg, logits, n.w.output.plain, n.w.output.bwd, linDims{n: k, in: C, out: V})
		for i, r := range chunk {
			copy(n.dxf[r*C:(r+1)*C], n.dxg[i*C:(i+1)*C])
		}
	}
	return loss / denom
}

// backward is forward's recipe read bottom-up.
func (n *net[F]) backward() {
	if !n.backOK {
		panic("lora: Backward without a training Forward before it")
	}
	n.backOK = false
	c, w := n.cfg, n.w
	N, C, FF := n.nb*n.nt, c.NEmbd, c.NFF
	qd, kvd := c.NHead*c.HeadDim, c.NHeadKV*c.HeadDim
	th := n.opt.Threads
	dres := n.dres[:N*C]
	clear(dres)
	n.rmsnormBackward(dres, n.dxf, n.final, n.rstdf, w.outNorm, N, C)
	// Blocks below the lowest adapted one hold no LoRA parameters: the
	// gradient need not flow into them.
	for l := len(n.acts) - 1; l >= n.lowest; l-- {
		a, lw := &n.acts[l], &w.layers[l]
		// feed-forward block; dres holds dL/dout and becomes dL/dmid.
		// Recompute what the forward did not keep: x = rmsnorm(mid), and
		// act = silu(gate)·up with σ(gate) for the SwiGLU backward.
		n.rmsnormApply(n.xn, a.rstd2, a.mid, lw.ffnNorm, N, C)
		gate, up, act, sig := a.gate[:N*FF], a.up[:N*FF], n.act[:N*FF], n.sig[:N*FF]
		n.swigluForward(act, sig, gate, up)
		dact := n.dact[:N*FF]
		clear(dact)
		n.linearBackward(l, TargetDown, dact, dres, act)
		// act is dead now: dup takes its buffer, dgate overwrites dact in place
		dgate, dup := dact, act
		n.swigluBackward(dgate, dup, dact, gate, up, sig)
		dxn := n.dxn[:N*C]
		clear(dxn)
		n.linearBackward(l, TargetGate, dxn, dgate, n.xn)
		n.linearBackward(l, TargetUp, dxn, dup, n.xn)
		n.rmsnormBackward(dres, dxn, a.mid, a.rstd2, lw.ffnNorm, N, C)
		// attention block; dres becomes dL/din. Recompute x = rmsnorm(in)
		// and, if attn_output's LoRA needs its input, the attention output.
		n.rmsnormApply(n.xn, a.rstd1, a.in, lw.attnNorm, N, C)
		if n.needsInput(l, TargetO) {
			attentionOutput(th, n.ao, a.att, n.attScratch, a.v, n.attnDims())
		}
		dao := n.dao[:N*qd]
		clear(dao)
		n.linearBackward(l, TargetO, dao, dres, n.ao)
		attentionBackward(th, n.dq, n.dk, n.dv, dao, a.att, a.q, a.k, a.v, n.attScratch, n.attnDims())
		n.rope(n.dq[:N*qd], N, c.NHead, true)
		n.rope(n.dk[:N*kvd], N, c.NHeadKV, true)
		if l == n.lowest {
			dxn = nil // nothing below is trained: only the LoRA gradients are wanted
		} else {
			clear(dxn)
		}
		n.linearBackward(l, TargetQ, dxn, n.dq, n.xn)
		n.linearBackward(l, TargetK, dxn, n.dk, n.xn)
		n.linearBackward(l, TargetV, dxn, n.dv, n.xn)
		if l > n.lowest {
			n.rmsnormBackward(dres, dxn, a.in, a.rstd1, lw.attnNorm, N, C)
		}
	}
}
