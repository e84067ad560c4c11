package membership

import (
	"slices"
	"time"
	"unicode/utf8"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// YearKind says how long a membership year lasts.
type YearKind string

// The membership years.
const (
	CalendarYear YearKind = "calendar" // a payment covers the calendar year (renewals in the last quarter cover the next)
	RollingYear  YearKind = "rolling"  // a payment covers twelve months from the current expiry, or from the payment
)

// Policy is the network's membership policy: how long a membership lasts,
// how long a lapsed one stays in grace, and what it costs.
type Policy struct {
	Year     YearKind
	Grace    time.Duration // after expiry, how long the member stays in good standing
	Location *time.Location
	Tiers    []Tier // the fee schedule; the first is the default
}

// Tier is one line of the fee schedule.
type Tier struct {
	Key      string // "standard", "reduced"
	Amount   int64  // in cents
	Currency string // ISO 4217: "EUR"
}

// DefaultPolicy is a calendar-year membership with three months of grace and
// a standard and a reduced fee, in euros.
func DefaultPolicy() Policy {
	return Policy{
		Year:     CalendarYear,
		Grace:    90 * 24 * time.Hour,
		Location: time.UTC,
		Tiers: []Tier{
			{Key: "standard", Amount: 3000, Currency: "EUR"},
			{Key: "reduced", Amount: 500, Currency: "EUR"},
		},
	}
}

// Tier returns the tier with the key.
func (p Policy) Tier(key string) (Tier, bool) {
	for _, t := range p.Tiers {
		if t.Key == key {
			return t, true
		}
	}
	return Tier{}, false
}

// Expiry returns the new end of a membership paid at paidAt by a member whose
// membership ended, or ends, at current (zero when never paid).
func (p Policy) Expiry(current, paidAt time.Time) time.Time {
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	switch p.Year {
	case RollingYear:
		from := paidAt
		if current.After(paidAt) {
			from = current
		}
		return from.AddDate(1, 0, 0).UTC()
	default:
		// The membership covers the calendar year y, until January 1st of y+1.
		local := paidAt.In(loc)
		y := local.Year()
		if local.Month() >= time.October {
			y++ // paid in the last quarter: the coming year
		}
		if current.After(paidAt) {
			// Already covered until current: the renewal covers the year that
			// starts there.
			y = max(y, current.In(loc).Year())
		}
		return time.Date(y+1, time.January, 1, 0, 0, 0, 0, loc).UTC()
	}
}

// Method is how a payment was made.
type Method string

// The payment methods.
const (
	MethodCard     Method = "card"
	MethodTransfer Method = "transfer"
	MethodCheque   Method = "cheque"
	MethodCash     Method = "cash"
)

// Methods lists the payment methods.
var Methods = []Method{MethodCard, MethodTransfer, MethodCheque, MethodCash}

// Payment is one membership payment, recorded by an admin (or, later, a
// payment gateway).
type Payment struct {
	ID         avenir.ID `json:"id"`
	Member     avenir.ID `json:"member"`
	Tier       string    `json:"tier"`
	Amount     int64     `json:"amount"` // cents
	Currency   string    `json:"currency"`
	Method     Method    `json:"method"`
	Reference  string    `json:"reference,omitempty"` // cheque number, transfer reference, gateway id
	PaidAt     time.Time `json:"paid_at"`
	Expires    time.Time `json:"expires_at"` // the membership's end that this payment set
	RecordedBy avenir.ID `json:"recorded_by,omitzero"`
	RecordedAt time.Time `json:"recorded_at"`
}

// PaymentInput is what an admin types to record a payment.
type PaymentInput struct {
	Tier      string // empty for the default tier
	Amount    int64  // cents; zero for the tier's amount
	Method    Method
	Reference string
	PaidAt    time.Time // zero for now
}

func (in *PaymentInput) normalize(p Policy, now time.Time) (Tier, error) {
	if in.Tier == "" && len(p.Tiers) > 0 {
		in.Tier = p.Tiers[0].Key
	}
	tier, ok := p.Tier(in.Tier)
	if !ok {
		return Tier{}, avenir.FieldError("tier", "The fee tier %q is not known.", text.Truncate(in.Tier, 20))
	}
	if in.Amount == 0 {
		in.Amount = tier.Amount
	}
	in.Reference = text.Line(in.Reference)
	if in.PaidAt.IsZero() {
		in.PaidAt = now
	}
	in.PaidAt = in.PaidAt.UTC()
	switch {
	case in.Amount < tier.Amount:
		return Tier{}, avenir.FieldError("amount", "The amount is below the %s fee.", tier.Key)
	case !validMethod(in.Method):
		return Tier{}, avenir.FieldError("method", "The payment method %q is not known.", text.Truncate(string(in.Method), 20))
	case utf8.RuneCountInString(in.Reference) > MaxLineLen:
		return Tier{}, avenir.FieldError("reference", "The reference must be at most %d characters.", MaxLineLen)
	case in.PaidAt.After(now.Add(time.Minute)):
		return Tier{}, avenir.FieldError("paid_at", "A payment cannot be dated in the future.")
	}
	return tier, nil
}

func validMethod(m Method) bool { return slices.Contains(Methods, m) }
