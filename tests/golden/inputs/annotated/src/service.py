// @moat mitigation tls
# @moat element api
-- @moat threat api.no_tls
/* @moat mitigation tsl */
// @moat element apii
