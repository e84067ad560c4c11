package network_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/avenirnet/avenir/network"
)

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#000000", 21},
		{"#777777", "#777777", 1},
		{"#767676", "#ffffff", 4.54}, // the lightest grey that passes AA on white
		{"#b3262e", "#ffffff", 6.49},
		{"#FFFFFF", "#000000", 21},
		{"white", "#000000", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" on "+tt.b, func(t *testing.T) {
			assert.InDelta(t, tt.want, network.Contrast(tt.a, tt.b), 0.01)
		})
	}
}

func TestTextOnPrimary(t *testing.T) {
	tests := []struct{ primary, want string }{
		{"#b3262e", network.LightText},
		{"#1d3557", network.LightText},
		{"#ffd23f", network.DarkText},
		{"#e9c46a", network.DarkText},
		{"#000000", network.LightText},
		{"#ffffff", network.DarkText},
	}
	for _, tt := range tests {
		t.Run(tt.primary, func(t *testing.T) {
			b := network.Branding{PrimaryColor: tt.primary}
			assert.Equal(t, tt.want, b.TextOnPrimary())
			assert.GreaterOrEqual(t, network.Contrast(tt.primary, b.TextOnPrimary()), network.MinContrast)
		})
	}
}
