<?php
// A one-page PHP app: its image renders this page once (`php.wasm /var/www/index.php`).
require __DIR__ . '/lib/greeting.php';
$items = array_map(fn ($n) => "<li>" . htmlspecialchars(greeting($n)) . "</li>", ['wasm', 'oci']);
printf("<!doctype html>\n<title>php app</title>\n<ul>%s</ul>\n<p>PHP %s on %s</p>\n",
       implode('', $items), PHP_VERSION, PHP_OS);
