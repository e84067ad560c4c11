// Package docs holds the documents the code serves: the OpenAPI document of
// the reference server's JSON API (openapi.yaml). The guides beside it are
// for people and are not embedded.
package docs

import _ "embed"

// OpenAPI is the OpenAPI 3 document of the reference server's JSON API,
// in YAML.
//
//go:embed openapi.yaml
var OpenAPI []byte
