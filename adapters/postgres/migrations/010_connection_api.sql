-- What ConnectWise says about an MSP's site (issue 22): the `api-current-version`
-- its answers carry, kept as last seen. Connections made before have none (NULL)
-- until their next call to ConnectWise.
ALTER TABLE connections ADD COLUMN api_version text;
