package server

import (
	"embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// webFiles is the single-page UI: plain HTML, CSS and JavaScript, no build
// step and nothing loaded from other origins.
//
//go:embed web/index.html web/app.js web/style.css
var webFiles embed.FS

// openAPI is the hand-written OpenAPI 3.1 description of every route.
//
//go:embed openapi.json
var openAPI []byte

// webAssets maps each page route to its embedded file and content type.
var webAssets = []struct{ route, file, contentType string }{
	{"/", "web/index.html", "text/html; charset=utf-8"},
	{"/app.js", "web/app.js", "text/javascript; charset=utf-8"},
	{"/style.css", "web/style.css", "text/css; charset=utf-8"},
}

// registerWeb adds the page's routes to e.
func registerWeb(e *echo.Echo) {
	for _, a := range webAssets {
		data, err := webFiles.ReadFile(a.file)
		if err != nil {
			panic("server: embedded file missing: " + a.file) // a build error in effect
		}
		e.GET(a.route, staticHandler(data, a.contentType))
	}
}

// staticHandler serves data with contentType. no-cache: the files are
// tiny and must change together with the binary.
func staticHandler(data []byte, contentType string) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-cache")
		return c.Blob(http.StatusOK, contentType, data)
	}
}

// serveOpenAPI serves GET /openapi.json.
func serveOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/json", openAPI)
}
