package lora

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
)

// peftModules maps targets to Hugging Face llama/qwen2 module paths.
var peftModules = [numTargets]string{"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"}

// PEFTOptions are adapter_config.json fields the adapter does not know.
type PEFTOptions struct {
	BaseModel string  // base_model_name_or_path; empty: the base's own name (Base.Name, from its GGUF metadata)
	Dropout   float64 // lora_dropout used in training
}

// hfRow maps a GGUF row of attn_q/attn_k (llama) to the Hugging Face row:
// llama.cpp's converter permutes each head's D rows from HF order
// (first half, second half) to interleaved pairs for RoPE NORM mode:
// GGUF row h·D + 2i + j holds HF row h·D + j·D/2 + i.
func hfRow(row, headDim int) int {
	h, r := row/headDim, row%headDim
	i, j := r/2, r%2
	return h*headDim + j*headDim/2 + i
}

// WritePEFT writes the adapter in PEFT's format into dir:
// adapter_model.safetensors (F32 tensors
// "base_model.model.model.layers.{i}.{module}.lora_A.weight" [r, in] and
// ".lora_B.weight" [out, r]) and adapter_config.json. For the llama
// architecture the rows of B of attn_q and attn_k are permuted back to
// Hugging Face's head layout (see hfRow), undoing llama.cpp's converter;
// qwen2 GGUFs are not permuted. Writing the safetensors by hand: 8-byte
// little-endian header length, JSON header, raw little-endian data.
func (a *Adapter) WritePEFT(dir string, base *Base, opt PEFTOptions) error {
	if err := a.Check(base); err != nil {
		return fmt.Errorf("write PEFT adapter: %w", err)
	}
	c := base.Config
	type entry struct {
		name  string
		shape []int
		data  []float32
	}
	var entries []entry
	modules := map[string]bool{}
	for i := range a.Pairs {
		p := &a.Pairs[i]
		prefix := fmt.Sprintf("base_model.model.model.layers.%d.%s", p.Layer, peftModules[p.Target])
		modules[filepath.Ext("." + peftModules[p.Target])[1:]] = true
		b := p.B
		if c.Arch == ArchLlama && (p.Target == TargetQ || p.Target == TargetK) {
			b = make([]float32, len(p.B))
			for row := 0; row < p.Out; row++ {
				copy(b[hfRow(row, c.HeadDim)*a.Rank:][:a.Rank], p.B[row*a.Rank:(row+1)*a.Rank])
			}
		}
		entries = append(entries,
			entry{prefix + ".lora_A.weight", []int{a.Rank, p.In}, p.A},
			entry{prefix + ".lora_B.weight", []int{p.Out, a.Rank}, b})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	header := map[string]any{"__metadata__": map[string]string{"format": "pt"}}
	var off int64
	for _, e := range entries {
		n := int64(4 * len(e.data))
		header[e.name] = map[string]any{"dtype": "F32", "shape": e.shape, "data_offsets": []int64{off, off + n}}
		off += n
	}
	hdr, err := json.Marshal(header)
	if err != nil {
		return fmt.Errorf("write PEFT adapter: %w", err)
	}
	for len(hdr)%8 != 0 {
		hdr = append(hdr, ' ')
	}
	buf := make([]byte, 8, 8+len(hdr)+int(off))
	binary.LittleEndian.PutUint64(buf, uint64(len(hdr)))
	buf = append(buf, hdr...)
	for _, e := range entries {
		for _, v := range e.data {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write PEFT adapter: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "adapter_model.safetensors"), buf, 0o644); err != nil {
		return fmt.Errorf("write PEFT adapter: %w", err)
	}
	var targets []string
	for m := range modules {
		targets = append(targets, m)
	}
	sort.Strings(targets)
	layers := map[int]bool{}
	for _, p := range a.Pairs {
		layers[p.Layer] = true
	}
	var layerList any // null: every layer
	if len(layers) < c.NLayer {
		var ls []int
		for l := range layers {
			ls = append(ls, l)
		}
		sort.Ints(ls)
		layerList = ls
	}
	baseModel := opt.BaseModel
	if baseModel == "" {
		baseModel = base.Name
	}
	cfg := map[string]any{
		"peft_type": "LORA", "task_type": "CAUSAL_LM", "base_model_name_or_path": baseModel,
		"r": a.Rank, "lora_alpha": a.Alpha, "lora_dropout": opt.Dropout, "target_modules": targets,
		"layers_to_transform": layerList, "bias": "none", "fan_in_fan_out": false, "inference_mode": true,
		"init_lora_weights": true, "use_rslora": false, "use_dora": false, "modules_to_save": nil,
	}
	js, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return fmt.Errorf("write PEFT adapter: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "adapter_config.json"), append(js, '\n'), 0o644); err != nil {
		return fmt.Errorf("write PEFT adapter: %w", err)
	}
	return nil
}
