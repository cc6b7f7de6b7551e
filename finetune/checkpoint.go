package finetune

import (
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Checkpoints: the whole training state, written atomically every
// CheckpointEvery steps, at the end of each epoch and on interruption, and
// read back by --resume.

// checkpoint is the whole training state, gob-encoded atomically.
type checkpoint struct {
	Config    Config
	Step      int    // optimizer steps done
	Epoch     int    // current epoch, 0-based
	Pos       int    // examples of this epoch's order already used
	DropStep  uint64 // lora.Model.DropoutStep
	Params    [][]float32
	AdamStep  int64
	AdamM     [][]float32
	AdamV     [][]float32
	Smooth    float64 // EMA accumulator (not bias-corrected)
	BestVal   float64
	BadEpochs int
	LogSize   int64 // bytes of train_log.jsonl covered by this state
	Train     [][2]float64
	Val       [][2]float64
	Losses    []float64
	Done      bool
	Stop      string
}

// restore continues a run from st (--resume): parameters, optimizer
// moments, dropout step and counters, and train_log.jsonl cut back to
// what the checkpoint covers.
func (t *trainer) restore(st *checkpoint) error {
	cfg := t.cfg
	t.st = *st
	t.st.Config = cfg
	params := t.ad.Params()
	if len(st.Params) != len(params) || len(st.AdamM) != len(params) || len(st.AdamV) != len(params) {
		return fmt.Errorf("checkpoint has %d parameter tensors, the adapter %d", len(st.Params), len(params))
	}
	for i, p := range params {
		if len(st.Params[i]) != len(p) {
			return fmt.Errorf("checkpoint parameter %d has %d values, want %d", i, len(st.Params[i]), len(p))
		}
		copy(p, st.Params[i])
	}
	t.adam.Step, t.adam.M, t.adam.V = st.AdamStep, st.AdamM, st.AdamV
	t.model.SetDropoutStep(st.DropStep)
	logPath := filepath.Join(cfg.Out, LogFile)
	if err := os.Truncate(logPath, st.LogSize); err != nil {
		return fmt.Errorf("resume: %w", err)
	}
	fmt.Fprintf(t.progress, "finetune: resuming %s at step %d/%d (epoch %d, example %d)\n", cfg.Out, st.Step, t.total, st.Epoch+1, st.Pos)
	return nil
}

// saveCheckpoint writes the whole state atomically.
func (t *trainer) saveCheckpoint() error {
	st := &t.st
	st.Params = t.ad.Params()
	st.AdamStep, st.AdamM, st.AdamV = t.adam.Step, t.adam.M, t.adam.V
	st.DropStep = t.model.DropoutStep()
	if fi, err := os.Stat(filepath.Join(t.cfg.Out, LogFile)); err == nil {
		st.LogSize = fi.Size()
	}
	return writeAtomic(filepath.Join(t.cfg.Out, CheckpointFile), func(w io.Writer) error {
		return gob.NewEncoder(w).Encode(st)
	})
}

// readCheckpoint reads a checkpoint written by saveCheckpoint.
func readCheckpoint(path string) (*checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var st checkpoint
	if err := gob.NewDecoder(f).Decode(&st); err != nil {
		return nil, fmt.Errorf("checkpoint %s: %w", path, err)
	}
	return &st, nil
}

// interrupted writes a checkpoint and returns the error telling how to resume.
func (t *trainer) interrupted() error {
	fmt.Fprintln(t.progress)
	if err := t.saveCheckpoint(); err != nil {
		return fmt.Errorf("%w, and the checkpoint could not be written: %v", ErrInterrupted, err)
	}
	_ = plotLoss(filepath.Join(t.cfg.Out, PlotFile), t.st.Train, t.st.Val)
	return fmt.Errorf("%w at step %d/%d; checkpoint written to %s; continue with: domaingen finetune --out %s --resume",
		ErrInterrupted, t.st.Step, t.total, filepath.Join(t.cfg.Out, CheckpointFile), t.cfg.Out)
}
