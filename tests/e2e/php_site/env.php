<?php
// What the sandbox lets the script see: its environment and the filesystem root.
header('Content-Type: application/json');
echo json_encode(['env' => getenv(), 'root' => @scandir('/'), 'etc' => @scandir('/etc'),
                  'write' => @file_put_contents(__DIR__ . '/written.txt', 'x')]);
