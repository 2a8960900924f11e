<?php
/*
 * SimpleSAMLphp 1.19 configuration for the SSO Workbench test IdP (written by test/peers/saml-peer.ts).
 * Everything lives in a private temporary directory; nothing touches /etc/simplesamlphp or /var.
 * Double-brace placeholders are replaced with PHP literals.
 */
$config = [
    'baseurlpath' => {{BASE_URL}},
    'certdir' => {{CERT_DIR}},
    'loggingdir' => {{LOG_DIR}},
    'datadir' => {{DATA_DIR}},
    'tempdir' => {{TEMP_DIR}},
    'metadatadir' => {{METADATA_DIR}},
    'metadata.sources' => [['type' => 'flatfile']],
    'attributenamemapdir' => '/etc/simplesamlphp/attributemap/',

    'secretsalt' => {{SECRET_SALT}},
    'auth.adminpassword' => {{ADMIN_PASSWORD}},
    'technicalcontact_name' => 'SSO Workbench tests',
    'technicalcontact_email' => 'tests@example.test',
    'timezone' => 'UTC',

    'admin.protectindexpage' => false,
    'admin.protectmetadata' => false,
    // The test machine is offline: no update checks.
    'admin.checkforupdates' => false,
    'trusted.url.domains' => ['127.0.0.1', {{HOST_PORT}}],
    'enable.http_post' => false,
    'assertion.allowed_clock_skew' => 180,

    'debug' => ['saml' => false, 'backtraces' => true, 'validatexml' => false],
    'showerrors' => true,
    'errorreporting' => false,
    'production' => true, // no "pre-production system" banner on every page

    'logging.level' => SimpleSAML\Logger::INFO,
    'logging.handler' => 'file',
    'logging.logfile' => 'simplesamlphp.log',
    'statistics.out' => [],

    'enable.saml20-idp' => true,
    'enable.shib13-idp' => false,
    'enable.adfs-idp' => false,
    'module.enable' => [
        'exampleauth' => true,
        'core' => true,
        'saml' => true,
        'admin' => true,
    ],

    'store.type' => 'phpsession',
    'session.duration' => 8 * 60 * 60,
    'session.datastore.timeout' => 4 * 60 * 60,
    'session.state.timeout' => 60 * 60,
    // Plain http on loopback: Secure cookies would never come back, and SameSite=None without Secure is dropped by
    // Chromium, so Lax + non-secure. Every server on 127.0.0.1 shares one cookie jar: names carry the port.
    'session.cookie.name' => {{COOKIE_PREFIX}} . 'SessionID',
    'session.cookie.lifetime' => 0,
    'session.cookie.path' => '/',
    'session.cookie.domain' => null,
    'session.cookie.secure' => false,
    'session.cookie.samesite' => 'Lax',
    'session.phpsession.cookiename' => {{COOKIE_PREFIX}} . 'PHP',
    'session.phpsession.savepath' => {{SESSION_DIR}},
    'session.phpsession.httponly' => true,
    'session.authtoken.cookiename' => {{COOKIE_PREFIX}} . 'AuthToken',
    'session.rememberme.enable' => false,

    'language.default' => 'en',
    'language.available' => ['en'],
    'language.parameter.setcookie' => false,
    'language.cookie.name' => {{COOKIE_PREFIX}} . 'Language',
    'language.cookie.secure' => false,
    'language.cookie.samesite' => 'Lax',

    'theme.use' => 'default',
    'template.auto_reload' => false,

    'authproc.idp' => [],
    'authproc.sp' => [],
];
