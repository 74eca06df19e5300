// n8n-core logs through its own logger; keep test output to what the tests print.
process.env.N8N_LOG_LEVEL = 'silent';
