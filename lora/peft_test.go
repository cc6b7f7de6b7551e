package lora

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"domaingen/gguf"
)

// TestWritePEFT checks the safetensors structure (header length, JSON
// header, offsets, shapes, PEFT key names), adapter_config.json, and the
// Q/K row permutation: B rows of attn_q/attn_k are in Hugging Face order.
func TestWritePEFT(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	ad, err := NewAdapter(base, AdapterConfig{Rank: 2, Alpha: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	RandomizeAdapter(ad, 2, 1)
	dir := t.TempDir()
	if err := ad.WritePEFT(dir, base, PEFTOptions{BaseModel: "tiny", Dropout: 0.05}); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "adapter_model.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	n := binary.LittleEndian.Uint64(raw)
	if (8+n)%8 != 0 || int(8+n) > len(raw) {
		t.Fatalf("header length %d", n)
	}
	var hdr map[string]json.RawMessage
	if err := json.Unmarshal(raw[8:8+n], &hdr); err != nil {
		t.Fatal(err)
	}
	data := raw[8+n:]
	if len(hdr) != 2*len(ad.Pairs)+1 {
		t.Fatalf("%d header entries, want %d", len(hdr), 2*len(ad.Pairs)+1)
	}
	read := func(name string) ([]int, []float32) {
		var e struct {
			Dtype   string  `json:"dtype"`
			Shape   []int   `json:"shape"`
			Offsets []int64 `json:"data_offsets"`
		}
		if err := json.Unmarshal(hdr[name], &e); err != nil || e.Dtype != "F32" {
			t.Fatalf("%s: %v %+v", name, err, e)
		}
		vals := make([]float32, (e.Offsets[1]-e.Offsets[0])/4)
		for i := range vals {
			vals[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[e.Offsets[0]+int64(4*i):]))
		}
		if e.Shape[0]*e.Shape[1] != len(vals) {
			t.Fatalf("%s: shape %v for %d values", name, e.Shape, len(vals))
		}
		return e.Shape, vals
	}
	c := base.Config
	for _, p := range ad.Pairs {
		prefix := "base_model.model.model.layers." + string(rune('0'+p.Layer)) + "." + peftModules[p.Target]
		shA, a := read(prefix + ".lora_A.weight")
		shB, b := read(prefix + ".lora_B.weight")
		if shA[0] != 2 || shA[1] != p.In || shB[0] != p.Out || shB[1] != 2 {
			t.Fatalf("%s: shapes A %v B %v", prefix, shA, shB)
		}
		for i := range a {
			if a[i] != p.A[i] {
				t.Fatalf("%s: A differs", prefix)
			}
		}
		permuted := p.Target == TargetQ || p.Target == TargetK
		for row := 0; row < p.Out; row++ {
			hf := row
			if permuted {
				// HF row h·D + j·D/2 + i holds GGUF row h·D + 2i + j.
				h, r := row/c.HeadDim, row%c.HeadDim
				hf = h*c.HeadDim + (r%2)*c.HeadDim/2 + r/2
			}
			for k := 0; k < 2; k++ {
				if b[hf*2+k] != p.B[row*2+k] {
					t.Fatalf("%s: B row %d (HF row %d) differs", prefix, row, hf)
				}
			}
		}
	}
	js, err := os.ReadFile(filepath.Join(dir, "adapter_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(js, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg["peft_type"] != "LORA" || cfg["r"] != 2.0 || cfg["lora_alpha"] != 4.0 || len(cfg["target_modules"].([]any)) != 7 ||
		cfg["base_model_name_or_path"] != "tiny" {
		t.Fatalf("adapter_config.json: %s", js)
	}
}

// TestPEFTBaseModelName: without PEFTOptions.BaseModel, the export names
// the base model as its GGUF metadata does (general.name, then
// general.basename, then the file name), never a fixed model.
func TestPEFTBaseModelName(t *testing.T) {
	base := loadTiny(t, DefaultTiny)
	if base.Name != "tiny-random" {
		t.Fatalf("Base.Name = %q, want the tiny model's general.name %q", base.Name, "tiny-random")
	}
	ad, err := NewAdapter(base, AdapterConfig{Rank: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := ad.WritePEFT(dir, base, PEFTOptions{}); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(dir, "adapter_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		BaseModel string `json:"base_model_name_or_path"`
	}
	if err := json.Unmarshal(js, &cfg); err != nil || cfg.BaseModel != "tiny-random" {
		t.Fatalf("base_model_name_or_path %q (%v), want %q", cfg.BaseModel, err, "tiny-random")
	}

	for _, c := range []struct {
		kv   map[string]string
		want string
	}{
		{map[string]string{"general.name": "Qwen2.5 Coder 0.5B Instruct AWQ", "general.basename": "Qwen2.5-Coder"}, "Qwen2.5 Coder 0.5B Instruct AWQ"},
		{map[string]string{"general.name": "  ", "general.basename": "smollm2"}, "smollm2"},
		{map[string]string{}, "model-q4"},
	} {
		var md gguf.Metadata
		for k, v := range c.kv {
			if err := md.Set(k, gguf.String(v)); err != nil {
				t.Fatal(err)
			}
		}
		if got := modelName(&md, "/models/model-q4.gguf"); got != c.want {
			t.Errorf("modelName(%v) = %q, want %q", c.kv, got, c.want)
		}
	}
}
