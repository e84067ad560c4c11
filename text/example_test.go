package text_test

import (
	"fmt"

	"github.com/avenirnet/avenir/text"
)

func ExampleMarkdown() {
	fmt.Print(text.Markdown("**Fraternité** <script>alert(1)</script> [lien](javascript:alert(1))"))
	// Output:
	// <p><strong>Fraternité</strong> alert(1) lien</p>
}

func ExampleSlug() {
	fmt.Println(text.Slug("Fédération du Rhône"))
	// Output: federation-du-rhone
}

func ExampleFold() {
	fmt.Println(text.Fold("Œuvre à l'École"))
	// Output: oeuvre a l'ecole
}
