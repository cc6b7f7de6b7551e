// Package finetune trains LoRA adapters for domaingen's model with the
// native trainer of package lora: it reads chat records in the Hugging Face
// TRL "messages" JSONL format, renders them with the model's chat template
// exactly as serving does, tokenises them with llama.cpp's tokenizer and
// masks the loss to the final assistant turn (see Encoder.Encode), then runs
// the training loop (Train): AdamW, linear warm-up and cosine decay,
// gradient clipping and accumulation, validation and early stopping,
// atomic checkpoints with exact resume, and a run folder holding the best
// adapter (adapter.gguf), config.json, train_log.jsonl and loss.png.
//
// Package lora stays token-ids only; this package is where text, templates
// and files meet it.
package finetune
