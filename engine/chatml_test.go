package engine

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"domaingen/prompt"
	"domaingen/remote"
)

// TestRemoteChatMLMatchesRender: the prompt the remote generator sends
// (remote.ChatML) is byte for byte the text the in-process engine renders
// with the model's own template, for both prompt layouts.
func TestRemoteChatMLMatchesRender(t *testing.T) {
	e := testEngine(t)
	for _, style := range []prompt.Style{prompt.FewShot, prompt.Compact} {
		msgs := prompt.MessagesFor(style, "organic coffee shop downtown", 10, []string{"com", "io"})
		want, err := e.Render(msgs)
		require.NoError(t, err)
		got, err := remote.ChatML(msgs)
		require.NoError(t, err)
		assert.Equal(t, want, got, style)
	}
}
