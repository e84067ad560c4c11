package text

import (
	"bytes"
	"html/template"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Both are safe for concurrent use once built.
var (
	markdown = goldmark.New(
		// Tables, strikethrough, autolinks and task lists; raw HTML in
		// the source is escaped, not passed through (goldmark's default,
		// never WithUnsafe).
		goldmark.WithExtensions(extension.GFM),
	)
	policy = sync.OnceValue(func() *bluemonday.Policy {
		// Sanitize after rendering (OWASP XSS prevention: sanitize the
		// output, not the input). The user-content policy allows the
		// formatting Markdown produces and http(s)/mailto links only.
		p := bluemonday.UGCPolicy()
		p.RequireNoFollowOnLinks(true)
		p.RequireNoReferrerOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(true)
		return p
	})
)

// Markdown renders src as HTML that is safe to put in a page: a script, an
// event handler, a javascript: link (however it is encoded) or an embedded
// frame in src comes out inert. Empty src gives empty HTML.
func Markdown(src string) template.HTML {
	if src == "" {
		return ""
	}
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only when the writer does; a bytes.Buffer
		// does not. Fall back to the escaped source rather than panic.
		return template.HTML(template.HTMLEscapeString(src))
	}
	//nolint:gosec // the output of the sanitizer is the safe HTML.
	return template.HTML(policy().SanitizeBytes(buf.Bytes()))
}
