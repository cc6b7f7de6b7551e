package finetune

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The run's record: config.json (written once), train_log.jsonl (a line
// per step and per validation) and the progress bar.

// StepLog is one train_log.jsonl line of an optimizer step.
type StepLog struct {
	Step       int     `json:"step"` // 1-based optimizer step
	Epoch      int     `json:"epoch"`
	Loss       float64 `json:"loss"`        // mean loss over the step's counted tokens
	Smoothed   float64 `json:"loss_smooth"` // bias-corrected exponential moving average (0.9)
	LR         float64 `json:"lr"`
	GradNorm   float64 `json:"grad_norm"` // before clipping
	Tokens     int     `json:"tokens"`    // tokens run through the model (padding excluded)
	TokensPerS float64 `json:"tokens_per_s"`
}

// ValLog is one train_log.jsonl line of a validation.
type ValLog struct {
	Step    int     `json:"step"`
	Epoch   int     `json:"epoch"` // 1-based epoch just finished
	ValLoss float64 `json:"val_loss"`
	Best    bool    `json:"best"`
}

// runInfo is config.json.
type runInfo struct {
	Config        Config `json:"config"`
	DataSHA256    string `json:"data_sha256"`
	ValSHA256     string `json:"val_sha256,omitempty"`
	ModelSHA256   string `json:"model_sha256"`
	GitRevision   string `json:"git_revision,omitempty"`
	Examples      int    `json:"examples"`
	ValExamples   int    `json:"val_examples"`
	Truncated     int    `json:"truncated"` // examples that lost their first tokens to fit Seq
	StepsPerEpoch int    `json:"steps_per_epoch"`
	TotalSteps    int    `json:"total_steps"`
	WarmupSteps   int    `json:"warmup_steps"`
	Started       string `json:"started"`
}

// writeInfo writes config.json.
func (t *trainer) writeInfo(truncated int) error {
	cfg := t.cfg
	info := runInfo{Config: cfg, GitRevision: gitRevision(), Examples: len(t.train), ValExamples: len(t.val),
		Truncated: truncated, StepsPerEpoch: t.stepsPerEpoch, TotalSteps: t.total, WarmupSteps: t.warmup,
		Started: time.Now().UTC().Format(time.RFC3339)}
	var err error
	if info.DataSHA256, err = fileSHA256(cfg.Data); err != nil {
		return err
	}
	if cfg.Val != "" {
		if info.ValSHA256, err = fileSHA256(cfg.Val); err != nil {
			return err
		}
	}
	if info.ModelSHA256, err = fileSHA256(cfg.Model); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(cfg.Out, ConfigFile), func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(info)
	})
}

// appendLog appends one JSON line to train_log.jsonl.
func (t *trainer) appendLog(v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(t.cfg.Out, LogFile), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("train log: %w", err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("train log: %w", err)
	}
	return f.Close()
}

// drawProgress redraws the one-line progress bar.
func (t *trainer) drawProgress(l StepLog) {
	const width = 24
	done := min(width, width*l.Step/max(1, t.total))
	elapsed := time.Since(t.started)
	perStep := elapsed / time.Duration(max(1, t.stepsThisRun))
	eta := perStep * time.Duration(max(0, t.total-l.Step))
	tps := float64(t.tokensThisRun) / elapsed.Seconds()
	fmt.Fprintf(t.progress, "\r[%s%s] step %d/%d  epoch %d  loss %.4f  lr %.2e  %.0f tok/s  ETA %s   ",
		strings.Repeat("=", done), strings.Repeat(" ", width-done), l.Step, t.total, l.Epoch, l.Smoothed, l.LR, tps, eta.Round(time.Second))
}
