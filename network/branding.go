package network

import (
	"math"
	"strconv"

	"golang.org/x/text/language"

	"github.com/avenirnet/avenir"
)

// MinContrast is the least contrast ratio of normal text on its background
// (WCAG 2.1 success criterion 1.4.3, level AA).
const MinContrast = 4.5

// The colours of text on the primary colour: white, or near-black when
// white does not stand out enough.
const (
	LightText = "#ffffff"
	DarkText  = "#111111"
)

// PageBackground is the background the accent colour's links and
// highlights are read on: a light page, taken as white.
const PageBackground = "#ffffff"

// TextOnPrimary returns the colour of text on the primary colour (the
// header, buttons): white or near-black, whichever contrasts more.
func (b Branding) TextOnPrimary() string {
	if Contrast(b.PrimaryColor, LightText) >= Contrast(b.PrimaryColor, DarkText) {
		return LightText
	}
	return DarkText
}

// Contrast returns the WCAG 2.1 contrast ratio of two "#rrggbb" colours,
// from 1 (the same) to 21 (black on white); 1 when either is malformed.
func Contrast(a, b string) float64 {
	la, oka := luminance(a)
	lb, okb := luminance(b)
	if !oka || !okb {
		return 1
	}
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the relative luminance of a "#rrggbb" colour (WCAG 2.1,
// definition of relative luminance, sRGB).
func luminance(hex string) (float64, bool) {
	if !colorPattern.MatchString(hex) {
		return 0, false
	}
	var channel [3]float64
	for i := range channel {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			channel[i] = c / 12.92
		} else {
			channel[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*channel[0] + 0.7152*channel[1] + 0.0722*channel[2], true
}

// checkContrast refuses colours that leave text unreadable: the primary
// colour must carry white or near-black text, the accent must read on the
// light page.
func (c Config) checkContrast() error {
	b := c.Branding
	if r := Contrast(b.PrimaryColor, b.TextOnPrimary()); r < MinContrast {
		return avenir.FieldError("branding.primary_color", "The primary colour %s is too mid-toned: neither white nor near-black text on it reaches a contrast of 4.5:1 (%.1f:1 at best).", b.PrimaryColor, r)
	}
	if r := Contrast(b.AccentColor, PageBackground); r < MinContrast {
		return avenir.FieldError("branding.accent_color", "The accent colour %s is too light for links on the page: its contrast is %.1f:1, under 4.5:1.", b.AccentColor, r)
	}
	return nil
}

// The French messages of the contrast checks.
func init() {
	avenir.SetMessages(language.French, map[string]string{
		"The primary colour %s is too mid-toned: neither white nor near-black text on it reaches a contrast of 4.5:1 (%.1f:1 at best).": "La couleur principale %s est trop moyenne : ni un texte blanc ni un texte presque noir n’y atteint un contraste de 4,5:1 (%.1f:1 au mieux).",
		"The accent colour %s is too light for links on the page: its contrast is %.1f:1, under 4.5:1.":                                 "La couleur d’accent %s est trop claire pour les liens de la page : son contraste est de %.1f:1, sous 4,5:1.",
	})
}
