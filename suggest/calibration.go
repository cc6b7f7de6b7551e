package suggest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
)

// CalibrationVersion is the version of the calibration file format this
// package reads and writes.
const CalibrationVersion = 1

// CalibrationTarget says what a calibrated confidence estimates; it is
// recorded in every calibration file.
const CalibrationTarget = "probability that the validated meaning judge's raters would shortlist the name " +
	"(judge.ListModel.ShortlistProb of the name model's predicted overall rating)"

// Calibration maps the raw confidence of one served (model, adapter)
// pair to a calibrated one: a non-decreasing piecewise-linear function
// through the knots (X[i], Y[i]) (an isotonic fit), constant beyond the
// end knots. Model and AdapterSHA256 say which pair it was fitted for;
// engine refuses to use it for any other. It is stored as JSON next to
// the adapter (adapters/<name>/confidence.json) or, for a bare model, in
// calibration/<model file>.json.
type Calibration struct {
	Version int `json:"version"`
	// Model is the base name of the GGUF model file the map was fitted for.
	Model string `json:"model"`
	// AdapterSHA256 is the hex SHA-256 of the LoRA adapter file, empty for
	// a bare model.
	AdapterSHA256 string `json:"adapter_sha256"`
	// ModelSHA256, if set, is the hex SHA-256 of the model file: recorded
	// for bare models, whose file name alone does not say which weights
	// they hold (`domaingen quantize` writes every merged adapter to the
	// same name).
	ModelSHA256 string `json:"model_sha256,omitempty"`
	// Target is what Apply's value estimates (CalibrationTarget).
	Target string `json:"target"`
	// X are increasing raw confidences, Y the calibrated values there
	// (non-decreasing, in [0, 1]).
	X []float64 `json:"x"`
	Y []float64 `json:"y"`
	// FittedOn and Heldout record provenance and the held-out check, for
	// people reading the file; they do not change Apply.
	FittedOn string          `json:"fitted_on,omitempty"`
	Heldout  json.RawMessage `json:"heldout,omitempty"`
}

// Apply returns the calibrated confidence of raw, in [0, 1].
func (c *Calibration) Apply(raw float64) float64 {
	n := len(c.X)
	var y float64
	switch {
	case n == 0:
		return raw
	case raw <= c.X[0]:
		y = c.Y[0]
	case raw >= c.X[n-1]:
		y = c.Y[n-1]
	default:
		for i := 1; i < n; i++ {
			if raw <= c.X[i] {
				t := (raw - c.X[i-1]) / (c.X[i] - c.X[i-1])
				y = c.Y[i-1] + t*(c.Y[i]-c.Y[i-1])
				break
			}
		}
	}
	return math.Min(1, math.Max(0, y))
}

// Validate checks the map is usable: current version, a model name, at
// least one knot, X strictly increasing, Y non-decreasing and in [0, 1].
func (c *Calibration) Validate() error {
	switch {
	case c.Version != CalibrationVersion:
		return fmt.Errorf("calibration version %d, want %d", c.Version, CalibrationVersion)
	case c.Model == "":
		return errors.New("calibration names no model")
	case len(c.X) == 0 || len(c.X) != len(c.Y):
		return fmt.Errorf("calibration has %d x and %d y knots", len(c.X), len(c.Y))
	}
	for i := range c.X {
		if c.Y[i] < 0 || c.Y[i] > 1 || math.IsNaN(c.Y[i]) || math.IsNaN(c.X[i]) {
			return fmt.Errorf("calibration knot %d: (%g, %g) outside [0, 1]", i, c.X[i], c.Y[i])
		}
		if i > 0 && (c.X[i] <= c.X[i-1] || c.Y[i] < c.Y[i-1]) {
			return fmt.Errorf("calibration knot %d: not increasing", i)
		}
	}
	return nil
}

// ReadCalibration reads and validates a calibration file.
func ReadCalibration(path string) (*Calibration, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read calibration: %w", err)
	}
	var c Calibration
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("read calibration %s: %w", path, err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("read calibration %s: %w", path, err)
	}
	return &c, nil
}

// WriteCalibration validates c and writes it as indented JSON.
func WriteCalibration(path string, c *Calibration) error {
	if err := c.Validate(); err != nil {
		return fmt.Errorf("write calibration %s: %w", path, err)
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("write calibration %s: %w", path, err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write calibration: %w", err)
	}
	return nil
}
