package membership

import (
	"context"
	"time"

	"github.com/avenirnet/avenir"
	"github.com/avenirnet/avenir/text"
)

// Grant is a role given to a member over a scope, with who gave it and until
// when. Revoking keeps the record. A grant is in force while it is neither
// revoked nor expired and its holder is in good standing (the last part is
// avenir.Actor's rule).
type Grant struct {
	ID        avenir.ID    `json:"id"`
	Member    avenir.ID    `json:"member"`
	Role      avenir.Role  `json:"role"`
	Scope     avenir.Scope `json:"scope"`
	GrantedBy avenir.ID    `json:"granted_by,omitzero"`
	GrantedAt time.Time    `json:"granted_at"`
	ExpiresAt time.Time    `json:"expires_at,omitzero"` // zero: no end
	RevokedBy avenir.ID    `json:"revoked_by,omitzero"`
	RevokedAt time.Time    `json:"revoked_at,omitzero"`
}

// InForce reports whether the grant applies at now.
func (g Grant) InForce(now time.Time) bool {
	return g.RevokedAt.IsZero() && (g.ExpiresAt.IsZero() || now.Before(g.ExpiresAt))
}

// CommitteeTree answers the one question about committees that granting
// needs: the parent of a committee. The committee package implements it; a
// Service without one lets only admins grant committee roles.
type CommitteeTree interface {
	Parent(ctx context.Context, committee avenir.ID) (parent avenir.ID, err error)
}

// validRoleScope reports whether a role may be granted over a scope kind.
func validRoleScope(role avenir.Role, scope avenir.Scope) bool {
	switch role {
	case avenir.RoleAdmin:
		return scope.Kind == avenir.ScopeNetwork
	case avenir.RoleModerator:
		return scope.Kind == avenir.ScopeNetwork || (scope.Kind == avenir.ScopeForum && !scope.ID.IsZero())
	case avenir.RoleAnimator:
		return scope.Kind == avenir.ScopeCommittee && !scope.ID.IsZero()
	case avenir.RoleReferent:
		return scope.Kind == avenir.ScopeDepartment && scope.Code != ""
	}
	return false
}

// mayGrant is the rule for who may give (or take back) role over scope:
// admins give everything; a network moderator gives forum moderation; the
// animator of a committee gives animator of a committee directly below it
// (parent is that committee's parent, zero when unknown).
func mayGrant(actor avenir.Actor, role avenir.Role, scope avenir.Scope, parent avenir.ID) bool {
	if actor.IsAdmin() {
		return true
	}
	switch {
	case role == avenir.RoleModerator && scope.Kind == avenir.ScopeForum:
		return actor.Has(avenir.RoleModerator, avenir.NetworkScope())
	case role == avenir.RoleAnimator && !parent.IsZero():
		return actor.Has(avenir.RoleAnimator, avenir.CommitteeScope(parent))
	}
	return false
}

// GrantInput is a role to give.
type GrantInput struct {
	Role      avenir.Role
	Scope     avenir.Scope
	ExpiresAt time.Time // zero: no end
}

// GrantRole gives a member a role over a scope. Admins give every role; a
// network moderator gives forum moderation; the animator of a committee gives
// animator of the committees directly below it. Only a member in good
// standing may hold a role.
func (s *Service) GrantRole(ctx context.Context, actor avenir.Actor, member avenir.ID, in GrantInput) (Grant, error) {
	if !validRoleScope(in.Role, in.Scope) {
		return Grant{}, avenir.FieldError("role", "The role %q cannot be given over that scope.", text.Truncate(string(in.Role), 20))
	}
	now := s.now()
	if !in.ExpiresAt.IsZero() && !in.ExpiresAt.After(now) {
		return Grant{}, avenir.FieldError("expires_at", "The end of a role lies in the future.")
	}
	if err := s.checkGranter(ctx, actor, in.Role, in.Scope); err != nil {
		return Grant{}, err
	}
	g := Grant{ID: avenir.NewID(), Member: member, Role: in.Role, Scope: in.Scope, GrantedBy: actor.ID, GrantedAt: now, ExpiresAt: in.ExpiresAt.UTC()}
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.store.MemberForUpdate(ctx, member)
		if err != nil {
			return err
		}
		if !m.Status.InGoodStanding() {
			return avenir.Errorf(avenir.CodeConflict, "Only a member in good standing may hold a role.")
		}
		existing, err := s.store.Grants(ctx, member)
		if err != nil {
			return err
		}
		for _, e := range existing {
			if e.InForce(now) && e.Role == g.Role && e.Scope == g.Scope {
				return avenir.Errorf(avenir.CodeConflict, "The member already holds this role.")
			}
		}
		if err := s.store.AddGrant(ctx, g); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("member.role_granted", actor.ID, member, map[string]string{"role": string(g.Role), "scope": string(g.Scope.Kind)}))
	})
	return g, err
}

// BootstrapAdmin makes a member the network's first admin: their address is
// taken as confirmed, they become active (a transition recorded with the
// reason "first admin") and hold admin over the network. It is for the
// operator who starts a network (the reference server's -admin flag), and is
// refused with a conflict once the network has an admin in force, so that it
// cannot be used to take one over.
func (s *Service) BootstrapAdmin(ctx context.Context, member avenir.ID) (avenir.Actor, error) {
	var actor avenir.Actor
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		now := s.now()
		has, err := s.store.HasAdmin(ctx, now)
		if err != nil {
			return err
		}
		if has {
			return avenir.Errorf(avenir.CodeConflict, "The network already has an admin.")
		}
		m, err := s.store.MemberForUpdate(ctx, member)
		if err != nil {
			return err
		}
		if m.EmailVerified.IsZero() {
			m.EmailVerified = now
		}
		if m.Status != avenir.StatusActive {
			if err := s.move(ctx, &m, avenir.StatusActive, avenir.ID{}, "first admin"); err != nil {
				return err
			}
		} else if err := s.store.UpdateMember(ctx, m); err != nil {
			return err
		}
		g := Grant{ID: avenir.NewID(), Member: m.ID, Role: avenir.RoleAdmin, Scope: avenir.NetworkScope(), GrantedAt: now}
		if err := s.store.AddGrant(ctx, g); err != nil {
			return err
		}
		if err := s.store.Record(ctx, s.event("member.role_granted", avenir.ID{}, m.ID, map[string]string{"role": string(g.Role), "scope": string(g.Scope.Kind)})); err != nil {
			return err
		}
		actor, err = s.actorOf(ctx, m)
		return err
	})
	return actor, err
}

// RevokeRole takes a role back; the record stays, marked revoked. Whoever
// may give the role may take it back.
func (s *Service) RevokeRole(ctx context.Context, actor avenir.Actor, grant avenir.ID) (Grant, error) {
	var g Grant
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if g, err = s.store.Grant(ctx, grant); err != nil {
			return err
		}
		if err := s.checkGranter(ctx, actor, g.Role, g.Scope); err != nil {
			return err
		}
		if !g.RevokedAt.IsZero() {
			return avenir.Errorf(avenir.CodeConflict, "This role was already taken back.")
		}
		g.RevokedAt, g.RevokedBy = s.now(), actor.ID
		if err := s.store.RevokeGrant(ctx, g.ID, actor.ID, g.RevokedAt); err != nil {
			return err
		}
		return s.store.Record(ctx, s.event("member.role_revoked", actor.ID, g.Member, map[string]string{"role": string(g.Role)}))
	})
	return g, err
}

// Grants lists a member's grants, in force or not, for the member and admins.
func (s *Service) Grants(ctx context.Context, actor avenir.Actor, member avenir.ID) ([]Grant, error) {
	if actor.ID != member && !actor.IsAdmin() {
		return nil, avenir.ErrNotFound
	}
	return s.store.Grants(ctx, member)
}

func (s *Service) checkGranter(ctx context.Context, actor avenir.Actor, role avenir.Role, scope avenir.Scope) error {
	var parent avenir.ID
	if role == avenir.RoleAnimator && s.cfg.Committees != nil && !actor.IsAdmin() {
		p, err := s.cfg.Committees.Parent(ctx, scope.ID)
		if err != nil {
			return err
		}
		parent = p
	}
	if !mayGrant(actor, role, scope, parent) {
		return avenir.ErrForbidden
	}
	return nil
}
