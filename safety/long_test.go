package safety

import (
	"strings"
	"testing"
)

// TestLongInputs runs pathological inputs that once took seconds (a label
// made of repeated cue words made the segmentation exponential); the test
// timeout is the assertion.
func TestLongInputs(t *testing.T) {
	inputs := []string{
		strings.Repeat("a ", 1000),
		strings.Repeat("co", 1000),
		strings.Repeat("p0rn* ", 300),
		strings.Repeat("support", 280),
		strings.Repeat("ignore instructions ", 100),
		strings.Repeat("成都的川菜馆", 300),
		strings.Repeat("a*b*c*d ", 250),
		strings.Repeat("1", 2000),
	}
	for _, in := range inputs {
		Check(in)
		CheckName(in)
		CheckName(in + ".com")
	}
}
