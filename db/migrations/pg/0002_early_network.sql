CREATE TABLE "health_probe" (
	"instance" text PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL
);
