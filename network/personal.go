package network

import (
	"context"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/membership"
)

// ExportMember returns, as one document that encodes to JSON, everything
// the network holds about a member (GDPR art. 15 and 20): membership's
// record (profile, status history, payments, roles, consents, who saw their
// data) and a section for each other part — committees (affiliations,
// follows, RSVPs), forums (posts, supports, flags, watches, decisions),
// consultations (texts, amendments, supports; never how they voted),
// solidarity (actions, sign-ups), and the audit entries about them. The
// member themself or an admin may; every export is audited.
func (n *Network) ExportMember(ctx context.Context, actor avenir.Actor, member avenir.ID) (membership.Export, error) {
	var x membership.Export
	err := n.Audit.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if x, err = n.Members.Export(ctx, actor, member); err != nil {
			return err
		}
		if actor.ID != member {
			return nil // membership records an admin's export among the accesses, which the audit merges
		}
		return n.Audit.record(ctx, AuditExport, actor.ID, member, nil)
	})
	if err != nil {
		return membership.Export{}, err
	}
	return x, nil
}

// EraseMember erases a member's personal data everywhere in one
// transaction (GDPR art. 17): membership's record becomes a tombstone, and
// each part removes what it holds — see the EraseMember of committee,
// forum, consultation and solidarity for what each keeps and why. What the
// member published stays, shown as a former member's; a proof of erasure
// and an audit entry are kept. The member themself or an admin may; it
// cannot be undone.
func (n *Network) EraseMember(ctx context.Context, actor avenir.Actor, member avenir.ID) (membership.Erasure, error) {
	var proof membership.Erasure
	err := n.Audit.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		proof, err = n.erase(ctx, actor, member)
		return err
	})
	if err != nil {
		return membership.Erasure{}, err
	}
	return proof, nil
}

// erase erases a member and audits it, in the transaction carried in ctx.
func (n *Network) erase(ctx context.Context, actor avenir.Actor, member avenir.ID) (membership.Erasure, error) {
	proof, err := n.Members.Erase(ctx, actor, member)
	if err != nil {
		return membership.Erasure{}, err
	}
	return proof, n.Audit.record(ctx, AuditErasure, actor.ID, member, map[string]avenir.ID{"proof": proof.ID})
}
