package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"domaingen/suggest"
)

// CalibrationFile is the name of an adapter's confidence map, written
// next to the adapter (adapters/smollm2-domains/confidence.json).
const CalibrationFile = "confidence.json"

// DefaultCalibrationDir holds the confidence maps of bare models, one per
// model file: calibration/<model file>.json.
const DefaultCalibrationDir = "calibration"

// NoCalibration as Config.Calibration serves raw confidences.
const NoCalibration = "none"

// ErrNoCalibration means no confidence map exists for the model and
// adapter; confidences are then served raw.
var ErrNoCalibration = errors.New("no confidence calibration")

// CalibrationPath is where the confidence map of model with adapter (""
// for none) lives: next to the adapter, else in dir (default
// DefaultCalibrationDir) under the model file's name.
func CalibrationPath(model, adapter, dir string) string {
	if adapter != "" {
		return filepath.Join(filepath.Dir(adapter), CalibrationFile)
	}
	if dir == "" {
		dir = DefaultCalibrationDir
	}
	return filepath.Join(dir, filepath.Base(model)+".json")
}

// FileSHA256 is the hex SHA-256 of a file's contents.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// LoadCalibration returns the confidence map of cfg's model and adapter:
// cfg.Calibration if set (NoCalibration: none), else CalibrationPath. It
// returns an error, and no map, when the file is missing (wrapping
// ErrNoCalibration), unreadable, or fitted for another model file or
// another adapter (its recorded model name and adapter SHA-256, and the
// model's SHA-256 where recorded, must match cfg's): a wrong map is never
// used silently. cfg is expected to have
// been through FromEnv.
func LoadCalibration(cfg Config) (*suggest.Calibration, error) {
	path := cfg.Calibration
	switch path {
	case NoCalibration:
		return nil, fmt.Errorf("%w: turned off", ErrNoCalibration)
	case "":
		path = CalibrationPath(cfg.Model, cfg.Adapter, cfg.CalibrationDir)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w for %s: %s does not exist (fit one with `domaingen calibrate`)", ErrNoCalibration, describe(cfg), path)
	}
	c, err := suggest.ReadCalibration(path)
	if err != nil {
		return nil, err
	}
	if want := filepath.Base(cfg.Model); c.Model != want {
		return nil, fmt.Errorf("calibration %s was fitted for model %s, not %s", path, c.Model, want)
	}
	if c.ModelSHA256 != "" {
		sum, err := FileSHA256(cfg.Model)
		if err != nil {
			return nil, fmt.Errorf("calibration %s: %w", path, err)
		}
		if sum != c.ModelSHA256 {
			return nil, fmt.Errorf("calibration %s was fitted for another %s (sha256 %s, not %s)", path, filepath.Base(cfg.Model), c.ModelSHA256, sum)
		}
	}
	sum := ""
	if cfg.Adapter != "" {
		if sum, err = FileSHA256(cfg.Adapter); err != nil {
			return nil, fmt.Errorf("calibration %s: %w", path, err)
		}
	}
	if c.AdapterSHA256 != sum {
		return nil, fmt.Errorf("calibration %s was fitted for adapter sha256 %s, not %s (%s)", path, orNone(c.AdapterSHA256), orNone(sum), describe(cfg))
	}
	return c, nil
}

func describe(cfg Config) string {
	if cfg.Adapter == "" {
		return filepath.Base(cfg.Model)
	}
	return filepath.Base(cfg.Model) + "+" + cfg.Adapter
}

func orNone(s string) string {
	if s == "" {
		return "none (bare model)"
	}
	return s
}
