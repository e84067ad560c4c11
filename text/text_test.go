package text_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/text"
)

func TestMarkdownFormats(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", ""},
		{"emphasis", "*fraternité*", "<p><em>fraternité</em></p>\n"},
		{"strong", "**Combattre et proposer**", "<strong>Combattre et proposer</strong>"},
		{"list", "- un\n- deux", "<li>un</li>"},
		{"quote", "> citation", "<blockquote>"},
		{"strikethrough", "~~non~~", "<del>non</del>"},
		{"link", "[site](https://example.org/a)", `<a href="https://example.org/a" rel="nofollow noreferrer noopener" target="_blank">site</a>`},
		{"relative link", "[page](/forums/x)", `<a href="/forums/x" rel="nofollow noreferrer">page</a>`},
		{"mailto", "[écrire](mailto:contact@example.org)", `href="mailto:contact@example.org"`},
		{"autolink", "voir https://example.org", `<a href="https://example.org" rel="nofollow noreferrer noopener" target="_blank">https://example.org</a>`},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", "<table>"},
		{"code", "`x < y`", "<code>x &lt; y</code>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Contains(t, string(text.Markdown(tt.src)), tt.want)
		})
	}
}

// An XSS evasion corpus in the manner of OWASP's filter evasion cheat
// sheet: whatever the trick, nothing that runs may come out.
func TestMarkdownIsInert(t *testing.T) {
	corpus := []string{
		`<script>alert(1)</script>`,
		`<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>`,
		`<img src=x onerror=alert(1)>`,
		`<IMG SRC="javascript:alert('XSS');">`,
		`<svg/onload=alert(1)>`,
		`<iframe src="https://evil.example"></iframe>`,
		`<a href="javascript:alert(1)">x</a>`,
		`[clic](javascript:alert(1))`,
		`[clic](JaVaScRiPt:alert(1))`,
		`[clic](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))`,
		`[clic](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))`,
		`[clic](java&#x09;script:alert(1))`,
		`[clic](jav&#x0A;ascript:alert(1))`,
		`[clic]( javascript:alert(1))`,
		`[clic](vbscript:msgbox(1))`,
		`[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
		`![x](javascript:alert(1))`,
		`![x](x" onerror="alert(1))`,
		`[x](https://example.org "a\" onmouseover=\"alert(1)")`,
		`<div style="background:url(javascript:alert(1))">x</div>`,
		`<form action="https://evil.example"><input name=p></form>`,
		`<object data="x.swf"></object><embed src="x.swf">`,
		`<math><mi xlink:href="javascript:alert(1)">x</mi></math>`,
		`<<script>script>alert(1)<</script>/script>`,
		"<a href=\"java\x00script:alert(1)\">x</a>",
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
		`<base href="javascript:alert(1)//">`,
		`<body onload=alert(1)>`,
		`[a]: javascript:alert(1)` + "\n\n[b][a]",
		`<style>*{display:none}</style>`,
	}
	for _, src := range corpus {
		t.Run(src, func(t *testing.T) {
			out := string(text.Markdown(src))
			// Whatever is left as text is escaped (&lt;): only real tags
			// matter, and each must be harmless.
			for _, tag := range tags.FindAllStringSubmatch(out, -1) {
				assert.Contains(t, allowedTags, strings.ToLower(tag[1]), "tag in %q", out)
				for _, attr := range attrs.FindAllStringSubmatch(tag[2], -1) {
					name, value := strings.ToLower(attr[1]), strings.ToLower(attr[2])
					assert.NotContains(t, []string{"style", "srcdoc", "formaction", "xlink:href"}, name, "in %q", out)
					assert.False(t, strings.HasPrefix(name, "on"), "event handler in %q", out)
					if name == "href" || name == "src" {
						assert.Regexp(t, `^(https?:|mailto:|/|#)`, value, "in %q", out)
					}
				}
			}
		})
	}
}

var (
	tags        = regexp.MustCompile(`<\s*/?\s*([a-zA-Z0-9:-]+)([^>]*)>`)
	attrs       = regexp.MustCompile(`([a-zA-Z:-]+)="([^"]*)"`)
	allowedTags = []string{"p", "a", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "img",
		"table", "thead", "tbody", "tr", "th", "td", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"École", "ecole"},
		{"SOLIDARITÉ", "solidarite"},
		{"Œuvre à l'Île-de-France", "oeuvre a l'ile-de-france"},
		{"Ça, c'est noël", "ca, c'est noel"},
		{"Curaçao", "curacao"},
		{"Straße", "strasse"},
		{"déjà déjà", "deja deja"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, text.Fold(tt.in))
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Fédération du Rhône", "federation-du-rhone"},
		{"  Comité local — Lyon 7e  ", "comite-local-lyon-7e"},
		{"Français de l'étranger (Bénélux)", "francais-de-l-etranger-benelux"},
		{"Saint-Étienne", "saint-etienne"},
		{"!!!", ""},
		{"日本", ""},
		{strings.Repeat("fraternité ", 20), "fraternite-fraternite-fraternite-fraternite-fraternite-fraternite-fraternite"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := text.Slug(tt.in)
			assert.Equal(t, tt.want, got)
			assert.LessOrEqual(t, len(got), text.MaxSlug)
		})
	}
}

func TestClean(t *testing.T) {
	decomposed := "Ele\u0301onore" // é as e + combining acute
	tests := []struct {
		name, in, line, clean string
	}{
		{"spaces trimmed", "  Lyon  ", "Lyon", "Lyon"},
		{"accents composed", decomposed, "Eléonore", "Eléonore"},
		{"controls dropped", "a\x00b\x07c\x7f", "abc", "abc"},
		{"new lines", "un\r\ndeux\n\ttrois", "undeuxtrois", "un\ndeux\n\ttrois"},
		{"empty", " \n\t ", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.line, text.Line(tt.in))
			assert.Equal(t, tt.clean, text.Clean(tt.in))
		})
	}
}

func TestTruncate(t *testing.T) {
	assert.Equal(t, "école", text.Truncate("école", 5))
	assert.Equal(t, "éco…", text.Truncate("école", 3))
	assert.Equal(t, "", text.Truncate("", 3))
}
