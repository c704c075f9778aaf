/** The suites talk to real servers; scripts/test.sh starts them and exports where they are. */
export default function setup() {
  for (const name of ["TEST_DATABASE_URL", "TEST_REDIS_URL"]) {
    if (!process.env[name]) {
      throw new Error(`${name} is not set. Run the suites through \`npm test\`, which starts PostgreSQL and Redis.`);
    }
  }
}
