package membership

import (
	"time"

	"github.com/avenirnet/avenir"
)

// Access is an audit record of someone looking at a member's personal data:
// who looked at whose data, what, and when. Every view or export of contact
// details by someone other than the member is recorded (GDPR art. 5(2),
// accountability).
type Access struct {
	ID     avenir.ID `json:"id"`
	Viewer avenir.ID `json:"viewer"`
	Member avenir.ID `json:"member"`
	What   string    `json:"what"` // "directory", "profile", "export"
	At     time.Time `json:"at"`
}
