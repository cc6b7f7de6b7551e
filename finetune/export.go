package finetune

import (
	"path/filepath"

	"domaingen/lora"
)

// What a run leaves for serving and for other tools: adapter.gguf, which
// llama.cpp loads, and its PEFT copy.

// writeAdapter writes the current adapter to Out/adapter.gguf atomically.
func (t *trainer) writeAdapter() error {
	path := filepath.Join(t.cfg.Out, AdapterFile)
	return renameInto(path, func(tmp string) error { return t.ad.WriteGGUF(tmp, t.base) })
}

// exportPEFT writes the PEFT copy of the kept adapter (Out/adapter.gguf)
// into Out/peft, for Hugging Face tools. Its base_model_name_or_path is the
// base model's own name from its GGUF metadata (lora.Base.Name), so a run
// on Qwen says Qwen.
func (t *trainer) exportPEFT() error {
	kept, err := lora.ReadGGUF(filepath.Join(t.cfg.Out, AdapterFile))
	if err != nil {
		return err
	}
	return kept.WritePEFT(filepath.Join(t.cfg.Out, PEFTDir), t.base, lora.PEFTOptions{Dropout: t.cfg.Dropout})
}
